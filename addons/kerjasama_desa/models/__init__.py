from . import kerjasama_region
from . import res_partner
from . import res_users
from . import kerjasama_bidang
from . import kerjasama_bkad
from . import kerjasama_agreement
from . import kerjasama_agreement_party
from . import kerjasama_agreement_funding
