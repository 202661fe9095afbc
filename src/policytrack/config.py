"""One settings object: where the database and the data live.

Every value can be set from the environment with the `POLICYTRACK_` prefix, e.g.
`POLICYTRACK_DATABASE_URL=postgresql+psycopg://user@host/db`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Run-time settings, read from `POLICYTRACK_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="POLICYTRACK_")

    data_dir: Path = REPO_ROOT / "data"
    var_dir: Path = REPO_ROOT / "var"
    database_url: str = ""
    # The online geocoder, for places the offline gazetteer lacks (policytrack.geo.nominatim):
    # which Nominatim, who asks (an e-mail or URL: its usage policy wants to know) and how
    # long to wait for an answer, in seconds.
    geocoder_url: str = "https://nominatim.openstreetmap.org"
    geocoder_contact: str = ""
    geocoder_timeout: float = 10.0
    geocoder: str = "off"  # "nominatim" turns on the online fallback
    # Where readers reach the dashboard (e.g. https://policytrack.example.org): the `record`
    # links of downloads start with it. Unset: the address the reader opened.
    public_url: str = ""

    # What any input file may hold (CSV, JSON, XLSX, ICE lists alike), checked before it is
    # read whole (policytrack.ingest.limits). A 1 MB workbook can unpack to 1 GB.
    max_input_bytes: int = 64 * 2**20  # the file, or an .xlsx's unpacked parts together
    max_input_rows: int = 50_000
    max_input_columns: int = 200
    max_cell_chars: int = 131_072  # what Python's csv module has always allowed

    # How long a writer waits for another write to finish before giving up (seconds).
    write_wait_seconds: float = 600.0  # commands and imports
    edit_wait_seconds: float = 30.0  # an editor's save in the dashboard

    @property
    def resolved_database_url(self) -> str:
        """The database URL; by default an embedded SQLite file under `var/`."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.var_dir / 'policytrack.sqlite3'}"

    @property
    def seed_dir(self) -> Path:
        """Folder of the bundled real dataset."""
        return self.data_dir / "seed"


@cache
def get_settings() -> Settings:
    """The process-wide settings (read once)."""
    return Settings()


def database_kind(url: str) -> str:
    """The kind of database, in words anyone may read ("SQLite", "PostgreSQL"): no host,
    file or user, which only operators and editors need."""
    from sqlalchemy.engine import make_url

    backend = make_url(url).get_backend_name()
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(backend, backend)


def describe_database(url: str) -> str:
    """Where a database lives, in words an operator can act on (no password shown)."""
    if url.startswith("sqlite:///"):
        return f"SQLite file {url.removeprefix('sqlite:///')}"
    from sqlalchemy.engine import make_url

    return f"{make_url(url).render_as_string(hide_password=True)}"
