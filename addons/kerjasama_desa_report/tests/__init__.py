from . import test_demo_documents, test_documents, test_download, test_helpers, test_recap
from . import test_recap_assessment
from . import test_i18n
