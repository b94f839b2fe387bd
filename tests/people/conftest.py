"""People-finding reads the search index for experts: the same backends as tests/search."""

from ..search.conftest import search_backend_name, search_index  # noqa: F401  (fixtures)
