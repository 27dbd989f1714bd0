"""Translation: lang-only passages, catalog check, unique ids, parallel view, quotes."""

from .catalog_check import setup_pocheck
from .langonly import setup_langonly
from .langparts import setup_langparts
from .parallel import setup_parallel
from .pending import setup_pending
from .quotes import setup_quotes
from .unique_ids import setup_unique_ids


def setup_i18n(app) -> None:
    setup_pocheck(app)
    setup_pending(app)
    setup_langonly(app)
    setup_langparts(app)
    setup_unique_ids(app)
    setup_parallel(app)
    setup_quotes(app)
