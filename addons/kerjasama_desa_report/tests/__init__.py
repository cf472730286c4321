from . import test_documents, test_download, test_recap
