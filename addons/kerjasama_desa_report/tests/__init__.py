from . import test_documents, test_download, test_recap
from . import test_i18n
