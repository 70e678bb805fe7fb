"""The partner registry over the API (/api/v1/organisaties, sleutelfiguren, afspraken, voorzieningen)."""
