"""SQLModel tables. Datetimes are timezone-aware and come back in UTC (sqlmodel UTCDateTime).

Importing the package imports every table module, so the metadata Alembic and the foreign keys
see is complete; names are imported from the module that defines them.
"""

from storage.models import (  # noqa: F401
    audit,
    calendar,
    departments,
    documents,
    messages,
    notices,
    org,
    quota,
    search_index,
    shared,
    web,
)
