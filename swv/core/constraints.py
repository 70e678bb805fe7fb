"""A database constraint speaks Dutch, on the field it is about: in a form, in the API and in a race.

A model declares, next to each constraint, the field its error belongs to and a Dutch
`violation_error_message`:

    constraints = [
        op_veld("kosten_per_plek", models.CheckConstraint(
            condition=..., name="voorziening_kosten_niet_negatief",
            violation_error_message=_("De kosten per plek kunnen niet negatief zijn."),
        )),
    ]

and has `VeldConstraints` among its bases. Then
- `full_clean` / a ModelForm puts that message on that field (Django puts a CheckConstraint's error, and a
  multi-field UniqueConstraint's, on top of the form, and by default with the constraint's name in it);
- `integrity_error_als_validatie(exc)` turns the IntegrityError of the same constraint (two writes at the
  same moment both passed the check; the database decides) into the same ValidationError on the same field.
  `swv.core.services.tracked_write` applies it to every service write, so no service maps constraints itself.

One definition per constraint: the message, the field and the database rule sit together in the model.
"""

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, router
from django.db.models import BaseConstraint

C = TypeVar("C", bound=BaseConstraint)

# constraint name -> (field, constraint). Constraint names are unique across the project (Django's check
# models.E031/E032 and PostgreSQL's per-schema index names), so the name alone finds the declaration.
_VELDEN: dict[str, tuple[str, BaseConstraint]] = {}


def op_veld(veld: str, constraint: C) -> C:
    """Declare the field a constraint's error belongs to; returns the constraint unchanged (migrations see
    nothing new). The constraint must carry its own Dutch `violation_error_message`."""
    if constraint.violation_error_message == constraint.default_violation_error_message:
        raise TypeError(f"Constraint {constraint.name} needs a Dutch violation_error_message")
    _VELDEN[constraint.name] = (veld, constraint)
    return constraint


def veld_van(constraint_name: str) -> str | None:
    """The field declared for a constraint (None for an undeclared one)."""
    gevonden = _VELDEN.get(constraint_name)
    return gevonden[0] if gevonden else None


def _fout(constraint: BaseConstraint) -> ValidationError:
    return ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)


def constraint_fout(constraint_name: str) -> ValidationError:
    """The declared error of a constraint, on its field: for a service that finds the violation itself."""
    veld, constraint = _VELDEN[constraint_name]
    return ValidationError({veld: [_fout(constraint)]})


def integrity_error_als_validatie(exc: IntegrityError) -> ValidationError | None:
    """The Dutch ValidationError on its field for a declared constraint's IntegrityError, else None."""
    naam = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)
    gevonden = _VELDEN.get(naam or "")
    if gevonden is None:
        return None
    return constraint_fout(naam or "")


class VeldConstraints:
    """Model mixin: `validate_constraints` puts each declared constraint's error on its field.

    Same loop as Django's `Model.validate_constraints`, with the field taken from `op_veld`.
    """

    def validate_constraints(self, exclude=None) -> None:
        using = router.db_for_write(self.__class__, instance=self)  # type: ignore[arg-type]  # a Model mixin
        errors: dict = {}
        for model_class, model_constraints in self.get_constraints():  # type: ignore[attr-defined]
            for constraint in model_constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as e:
                    veld = veld_van(constraint.name)
                    if veld is not None:
                        errors.setdefault(veld, []).append(_fout(constraint))
                    elif getattr(e, "code", None) == "unique" and len(getattr(constraint, "fields", ())) == 1:
                        errors.setdefault(constraint.fields[0], []).append(e)
                    else:
                        errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
