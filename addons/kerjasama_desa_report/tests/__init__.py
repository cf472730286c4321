from . import test_documents
from . import test_download
from . import test_recap
