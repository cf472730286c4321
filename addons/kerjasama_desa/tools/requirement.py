"""What a step of a lifecycle still needs, and where on the form it is filled."""


class Requirement(str):
    """A missing item of a step (a translated text) naming the field of the record's form where
    it is filled, so that the next-step banner can lead the user to that field's tab."""

    __slots__ = ("field",)

    def __new__(cls, text, field=None):
        requirement = super().__new__(cls, text)
        requirement.field = field
        return requirement


def need(text, field=None):
    """The missing item ``text``, filled in ``field`` of the form (or nowhere on it)."""
    return Requirement(text, field)
