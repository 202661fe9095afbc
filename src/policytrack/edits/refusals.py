"""Why an edit was refused, in words an editor can act on, by field."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)

__all__ = ["InvalidEdit", "NotFound", "StaleEdit", "validated"]


class StaleEdit(Exception):
    """The record changed after the editor loaded it; nothing was written."""


class NotFound(LookupError):
    """No record with that key."""


class InvalidEdit(ValueError):
    """The edit broke at least one rule; nothing was written. `fields` maps each field to
    what is wrong with it, so a form can say it next to that field."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields
        super().__init__("; ".join(f"{name}: {rule}" for name, rule in fields.items()))


def validated(model: type[Model], values: dict[str, object]) -> Model:
    """`values` as a `model`, or InvalidEdit naming each field pydantic refused."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        fields: dict[str, str] = {}
        for item in error.errors():
            name = str(item["loc"][0]) if item["loc"] else "form"
            fields.setdefault(name, str(item["msg"]).removeprefix("Value error, "))
        raise InvalidEdit(fields) from None
