from lxml import etree

from odoo.tests import TransactionCase, tagged

SUITE_MODULES = (
    "kerjasama_desa",
    "kerjasama_desa_bkad",
    "kerjasama_desa_report",
    "kerjasama_desa_report_bkad",
)


@tagged("post_install", "-at_install")
class TestViewCurrency(TransactionCase):
    """Every Rupiah amount shown in a list, form or kanban of the suite carries its currency, so
    that the web client formats it as "Rp 1.250.000" (no decimals) instead of a bare float."""

    def _monetary_without_currency(self, node, model, scope):
        names, monetary, problems = set(), [], []
        stack = list(node)
        while stack:
            child = stack.pop()
            if child.tag == "field":
                field = model._fields.get(child.get("name"))
                names.add(child.get("name"))
                if field is not None and field.type == "monetary":
                    if "currency_field" not in (child.get("options") or ""):
                        monetary.append(field)
                if field is not None and field.type in ("one2many", "many2many"):
                    for sub in child:
                        if sub.tag in ("list", "form", "kanban"):
                            problems += self._monetary_without_currency(
                                sub, self.env[field.comodel_name], f"{scope}/{field.name}"
                            )
                    continue
            stack.extend(child)
        problems += [
            (scope, field.name)
            for field in monetary
            if field.get_currency_field(model) not in names
        ]
        return problems

    def test_monetary_fields_come_with_their_currency(self):
        views = self.env["ir.ui.view"].search(
            [("type", "in", ("list", "form", "kanban")), ("inherit_id", "=", False)]
        )
        views = views.filtered(lambda view: view.xml_id.split(".")[0] in SUITE_MODULES)
        self.assertTrue(views)
        problems = []
        for view in views:
            model = self.env[view.model]
            arch = model.get_view(view.id, view.type)["arch"]
            problems += self._monetary_without_currency(etree.fromstring(arch), model, view.xml_id)
        self.assertFalse(problems, "amounts shown without their currency field: %s" % problems)
