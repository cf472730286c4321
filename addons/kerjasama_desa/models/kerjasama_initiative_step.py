from odoo import api, fields, models

from .kerjasama_agreement import AGREEMENT_STATES

# Agreement fields that can prove a preparation step by themselves: when a step names one,
# the step is done as soon as the field is filled on the agreement (no second entry).
STEP_AGREEMENT_FIELDS = [
    ("rkp_desa_item", "RKP Desa Item"),
    ("cost_benefit_note", "Cost-Benefit Analysis"),
    ("kak_file", "Terms of Reference (KAK)"),
    ("spatial_compliance", "Complies with Spatial and Environmental Rules"),
    ("offer_reference", "Offer Letter Number"),
]


class KerjasamaInitiativeStep(models.Model):
    """A preparation step of a kerja sama desa that depends on who took the initiative
    (Permendagri 96/2017 Pasal 14, prakarsa Desa: RKP Desa, benefit/cost analysis, KAK, spatial
    and environmental compliance; Pasal 15, prakarsa Pihak Ketiga: proposal, assessment in
    Musyawarah Desa, decision). The steps of Pasal 15 are not spelled out by the regulation, so
    the list is configurable data: each agreement receives a checklist of the applicable steps
    and cannot enter ``required_before_state`` while a step required for it is not done."""

    _name = "kerjasama.initiative.step"
    _description = "Cooperation Preparation Step"
    _order = "initiative, sequence, id"

    name = fields.Char(required=True, translate=True)
    initiative = fields.Selection(
        [
            ("desa", "Village Initiative (Prakarsa Desa)"),
            ("pihak_ketiga", "Third-Party Initiative"),
        ],
        required=True,
        default="desa",
        index=True,
    )
    kind = fields.Selection(
        [
            ("antar_desa", "Between Villages (Antar-Desa)"),
            ("pihak_ketiga", "With a Third Party"),
            ("both", "Both Kinds"),
        ],
        string="Applies To",
        required=True,
        default="both",
        index=True,
    )
    sequence = fields.Integer(default=10)
    required_before_state = fields.Selection(
        AGREEMENT_STATES,
        string="Required Before Stage",
        required=True,
        default="penawaran",
        help="The agreement cannot enter this stage while the step is not done.",
    )
    agreement_field = fields.Selection(
        STEP_AGREEMENT_FIELDS,
        string="Proven by Agreement Field",
        help="When set, the step is done as soon as this field is filled on the agreement; "
        "otherwise it is ticked by hand on the agreement's checklist.",
    )
    description = fields.Text(translate=True)
    legal_basis = fields.Char(translate=True)
    active = fields.Boolean(default=True)

    @api.model
    def _applicable_domain(self, kind, initiative):
        return [
            ("initiative", "=", initiative),
            ("kind", "in", [kind, "both"]),
        ]
