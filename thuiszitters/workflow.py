"""The statuses of a verzuimmelding and who moves it (domain.md: Besluit verzuimmelding, gemeente side).

The school registers (and may withdraw while nobody handles it); the leerplichtambtenaar of the pupil's
woongemeente handles: in behandeling, afgesloten (with a reden), or ter kennisneming aangenomen. A closed,
withdrawn or acknowledged melding is final: a new situation is a new melding.
"""

from .models.melding import MeldingStatus

S = MeldingStatus

# status -> the statuses it may go to, and who: "school" or "leerplicht".
OVERGANGEN: dict[str, dict[str, str]] = {
    S.GEREGISTREERD: {
        S.IN_BEHANDELING: "leerplicht",
        S.AFGESLOTEN: "leerplicht",
        S.TER_KENNISNEMING: "leerplicht",
        S.INGETROKKEN: "school",
    },
    S.IN_BEHANDELING: {S.AFGESLOTEN: "leerplicht", S.TER_KENNISNEMING: "leerplicht"},
    S.AFGESLOTEN: {},
    S.INGETROKKEN: {},
    S.TER_KENNISNEMING: {},
}
EINDSTATUSSEN = frozenset(status for status, naar in OVERGANGEN.items() if not naar)
