"""External links of the records, and whether they still answer.

Each address is asked once (GET, the body left unread), a few at a time, each attempt with its timeouts, the
transient failures retried after a pause; the whole check has a deadline. Nothing here raises: a link that does
not answer is a verdict, never a failed build.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

import urllib3
from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    ResponseError,
    SSLError,
)

from generator.contract.fields import Url
from generator.contract.kinds import KINDS
from generator.contract.shapes import block, contains
from generator.reading.catalog import Catalog, Key

USER_AGENT = "Maillage (verification des liens de l'annuaire)"
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
GONE = frozenset({404, 410})
REFUSED = frozenset({401, 403, 429})  # often a site turning robots away: a person should look


@dataclass(frozen=True)
class LinkUse:
    """An address, and where a record gives it ("site_web", "liens[2].url")."""

    key: Key
    field: str
    url: str


@dataclass(frozen=True)
class Verdict:
    url: str
    state: str  # "ok", "mort" (gone or not answering) or "refuse" (the site turned the checker away)
    problem: str = ""  # in French, for the report
    moved_to: str = ""  # a permanent redirection: the address to write instead

    @property
    def ok(self) -> bool:
        return self.state == "ok"


@dataclass(frozen=True)
class CheckSettings:
    workers: int = 8  # addresses asked at the same time
    timeout: float = 10.0  # seconds to connect, then seconds of silence while reading the answer's headers
    attempts: int = 3  # tries of an address whose failure may be passing (timeouts, 5xx, 429)
    pause: float = 1.0  # seconds before the second try, doubled each time after
    redirects: int = 5
    deadline: float = 600.0  # seconds for the whole check; addresses not done by then are reported as such


# --- the addresses the records give ----------------------------------------------------------------------


URL_CHECK = next(m for m in typing.get_args(Url) if isinstance(m, AfterValidator))  # every address field has it


def _is_url_field(info: FieldInfo) -> bool:
    """`Url | None` keeps its annotation; a bare `Url` field has it unwrapped into its metadata by pydantic."""
    return contains(info.annotation, Url) or URL_CHECK in info.metadata


def _uses(entry: BaseModel, where: str) -> Iterator[tuple[str, str]]:
    for name, info in type(entry).model_fields.items():
        value = getattr(entry, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            place = f"{where}{name}" + (f"[{index + 1}]" if index is not None else "")
            if isinstance(item, str) and _is_url_field(info):
                yield place, item
            elif isinstance(item, BaseModel) and block(info.annotation) is not None:
                yield from _uses(item, place + ".")


def links_of(catalog: Catalog) -> list[LinkUse]:
    """Every web address the records give, in record order."""
    return [LinkUse((kind.name, record.id), field, url)
            for kind in KINDS for record in catalog.of(kind) for field, url in _uses(record, "")]


# --- asking -----------------------------------------------------------------------------------------------


def _pool(settings: CheckSettings) -> urllib3.PoolManager:
    retries = urllib3.Retry(
        total=None, connect=settings.attempts - 1, read=settings.attempts - 1, status=settings.attempts - 1,
        other=0, redirect=settings.redirects, status_forcelist=RETRIED_STATUSES, allowed_methods={"GET"},
        backoff_factor=settings.pause / 2, backoff_max=settings.pause * 4,
        respect_retry_after_header=False,  # a server asking to wait an hour must not hold the report
        raise_on_status=False, raise_on_redirect=True,
    )
    timeout = urllib3.Timeout(connect=settings.timeout, read=settings.timeout)
    return urllib3.PoolManager(num_pools=64, maxsize=settings.workers, retries=retries, timeout=timeout,
                               headers={"User-Agent": USER_AGENT, "Accept": "*/*"})


def _failure(url: str, reason: BaseException | None, settings: CheckSettings) -> Verdict:
    tries = f"{settings.attempts} essai{'s' if settings.attempts > 1 else ''}"
    if isinstance(reason, ResponseError):
        return Verdict(url, "mort", f"trop de redirections (plus de {settings.redirects}, peut-être une boucle)")
    if isinstance(reason, NameResolutionError):
        return Verdict(url, "mort", "nom de domaine introuvable")
    if isinstance(reason, NewConnectionError):  # before timeouts: urllib3 makes it a kind of ConnectTimeoutError
        return Verdict(url, "mort", f"connexion refusée ({tries})")
    if isinstance(reason, ConnectTimeoutError | ReadTimeoutError):
        return Verdict(url, "mort", f"pas de réponse en {settings.timeout:g} s ({tries})")
    if isinstance(reason, SSLError):
        return Verdict(url, "mort", "certificat HTTPS invalide")
    if isinstance(reason, ProtocolError):
        return Verdict(url, "mort", f"connexion interrompue ({tries})")
    return Verdict(url, "mort", f"échec de la connexion ({type(reason).__name__ if reason else 'inconnu'})")


def _ask(pool: urllib3.PoolManager, url: str, settings: CheckSettings) -> Verdict:
    try:
        response = pool.request("GET", url, preload_content=False)
    except MaxRetryError as problem:
        return _failure(url, problem.reason, settings)
    except (urllib3.exceptions.HTTPError, OSError, ValueError) as problem:  # a malformed address, a socket error
        return _failure(url, problem, settings)
    try:
        status = response.status
        history = response.retries.history if response.retries else ()
        moved = any(step.status in (301, 308) for step in history)
        final = response.geturl() or url
    finally:
        response.close()
    if status in GONE:
        return Verdict(url, "mort", f"page introuvable (erreur {status})")
    if status in REFUSED:
        return Verdict(url, "refuse", f"le site refuse la vérification automatique (erreur {status})")
    if status >= 500:
        return Verdict(url, "mort", f"erreur du serveur ({status}, {settings.attempts} essais)")
    if status >= 400:
        return Verdict(url, "mort", f"erreur {status}")
    return Verdict(url, "ok", moved_to=final if moved and final != url else "")


def _verdict(pool: urllib3.PoolManager, url: str, settings: CheckSettings) -> Verdict:
    try:
        return _ask(pool, url, settings)
    except Exception as problem:  # whatever a server answers, the report goes on
        return _failure(url, problem, settings)


def check(urls: Iterable[str], settings: CheckSettings | None = None) -> dict[str, Verdict]:
    """A verdict for each distinct address, asked `settings.workers` at a time, within `settings.deadline`."""
    settings = settings or CheckSettings()
    distinct = sorted(set(urls))
    pool = _pool(settings)
    executor = ThreadPoolExecutor(max_workers=max(1, settings.workers), thread_name_prefix="maillage-lien")
    try:
        futures = {url: executor.submit(_verdict, pool, url, settings) for url in distinct}
        wait(futures.values(), timeout=settings.deadline)
        late = Verdict("", "mort", f"pas de réponse avant la fin de la vérification ({settings.deadline:g} s)")
        return {url: future.result() if future.done() else Verdict(url, late.state, late.problem)
                for url, future in futures.items()}
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
