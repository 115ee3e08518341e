"""A client for the translation pipeline's HTTP API: ingest-api (batches, flush) and query-api (reads,
recovery, delete, stats).

Standard library only, Python 3.9 or later. One module, to copy into a project or put on ``PYTHONPATH``.

What it does for the caller:

* ``datetime`` values anywhere in an item or a filter are written as RFC 3339 in UTC
  (``2026-01-01T10:00:00.123456Z``). A naive ``datetime`` (no ``tzinfo``) names no instant and is refused
  with ``ValueError`` naming its field, unless the client is made with ``naive_datetimes_are_utc=True``.
* A batch answered 503 (Kafka did not acknowledge every item) or 207 lists each item's result: only the
  items marked ``failed`` are sent again, never the accepted ones nor the rejected ones (which would be
  refused again). A request that got no answer at all (a timeout, a dropped connection) may or may not have
  been taken, so its items are sent again, all of them: that is safe, because an item sent twice with the
  same ``updated_at`` is stored once (an update never replaces a newer or equal version).
* Batches larger than ``max_batch_items`` (ingest-api's ``ingest.max-items``, 1000) are sent in parts; the
  parts after one that Kafka did not take are not sent, and their items come back ``failed``
  (``NOT_SENT``).
* 503 and 429 are retried after their ``Retry-After``, a connection that fails after a growing pause; each
  pause, jitter included, is at most ``max_backoff`` seconds, and ``max_attempts`` bounds the calls.
* Every refusal raises :class:`PipelineError`, which carries the HTTP status, the problem+json body and, for
  batches, the per-item results.

Example::

    from datetime import datetime, timezone
    from translation_pipeline import Client

    client = Client(write_key="dev-write-key", read_key="dev-read-key")
    now = datetime.now(timezone.utc)
    batch = client.post_sessions([{"session_id": "s-1", "status": "running",
                                   "created_at": now, "updated_at": now}])
    session = client.get_session("s-1", consistency_token=batch.consistency_token)
"""

from __future__ import annotations

import base64
import datetime as _dt
import email.utils
import http.client
import json
import math
import random
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

__all__ = ["BatchResult", "Client", "PipelineError", "format_timestamp", "merge_tokens", "parse_timestamp"]

RETRYABLE_STATUSES = (429, 503)


class PipelineError(Exception):
    """A request the pipeline refused, or that could not be completed within the attempts allowed.

    Attributes:
        status: the HTTP status of the answer (0 when no answer came: a connection error). For a batch, the
            batch's outcome over all its attempts: 207 when some items were rejected and the others
            stored, 422 when none was stored, 503 when items still failed after the last attempt, or the
            status that refused the batch as a whole (400, 401, 403, 413).
        problem: the problem+json body (``title``, ``detail``, ``errors`` ...) as a dict, or ``{}``.
        results: for a batch, one result per item *as the caller passed them* (``index`` is the position in
            the caller's list): ``status`` ``accepted``, ``rejected`` (with ``errors``) or ``failed``;
            else ``[]``.
        consistency_token: for a batch, a token covering the items that were stored, or ``None``.
    """

    def __init__(self, status: int, problem: Mapping[str, Any], results: Sequence[Mapping[str, Any]] = (),
                 consistency_token: Optional[str] = None):
        self.status = status
        self.problem = dict(problem)
        self.results = [dict(r) for r in results]
        self.consistency_token = consistency_token
        detail = self.problem.get("detail") or self.problem.get("title") or "no answer"
        super().__init__(f"{status}: {detail}")

    @property
    def rejected(self) -> List[Dict[str, Any]]:
        """The items refused, with their ``errors`` (field, reason, message). In an atomic batch the valid
        items come back rejected too, with reason ``NOT_PUBLISHED``: send them again once the others are
        fixed."""
        return [r for r in self.results if r.get("status") == "rejected"]


@dataclass(frozen=True)
class BatchResult:
    """A batch whose every item Kafka acknowledged.

    Attributes:
        results: one result per item as the caller passed them, each ``status`` ``accepted``.
        consistency_token: covers every item of the batch, over all attempts; pass it to the reads that
            must see these writes.
        attempts: how many requests the batch took.
    """

    results: List[Dict[str, Any]]
    consistency_token: Optional[str]
    attempts: int

    @property
    def accepted(self) -> int:
        return len(self.results)


def format_timestamp(value: _dt.datetime, *, naive_is_utc: bool = False, where: str = "value") -> str:
    """``value`` as the contract's RFC 3339 text in UTC with microseconds.

    Raises:
        ValueError: ``value`` is naive and ``naive_is_utc`` is false.
    """
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        if not naive_is_utc:
            raise ValueError(
                f"{where} is a naive datetime ({value.isoformat()}), which names no instant: give it a"
                " tzinfo, or make the Client with naive_datetimes_are_utc=True if it is UTC")
        value = value.replace(tzinfo=_dt.timezone.utc)
    try:
        utc = value.astimezone(_dt.timezone.utc)
    except OverflowError as error:
        raise ValueError(f"{where} ({value.isoformat()}) is out of range in UTC") from error
    return (f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:"
            f"{utc.second:02d}.{utc.microsecond:06d}Z")


def parse_timestamp(text: str) -> _dt.datetime:
    """A timestamp as the services write it (``2026-01-01T10:00:00.5Z``: UTC, 0 to 6 fractional digits) as
    an aware ``datetime``. ``datetime.fromisoformat`` reads ``Z`` and every fraction only from Python 3.11.

    Raises:
        ValueError: ``text`` is not such a timestamp.
    """
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?([Zz]|[+-]\d{2}:\d{2})",
                         text)
    if not match:
        raise ValueError(f"not an RFC 3339 timestamp with an offset and at most 6 fractional digits: {text!r}")
    date, clock, fraction, offset = match.groups()
    offset = "+00:00" if offset in ("Z", "z") else offset
    return _dt.datetime.fromisoformat(f"{date}T{clock}.{(fraction or '').ljust(6, '0')}{offset}")


def merge_tokens(*tokens: Optional[str]) -> Optional[str]:
    """One consistency token covering all of ``tokens`` (the highest offset of each partition).

    A token is URL-safe Base64, without padding, of ``{"topic": {"partition": offset}}`` (docs/ingest-api.md).
    ``None`` entries are skipped; ``None`` when there is none.
    """
    merged: Dict[str, Dict[str, int]] = {}
    for token in tokens:
        if not token:
            continue
        padded = token + "=" * (-len(token) % 4)
        offsets = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        for topic, partitions in offsets.items():
            into = merged.setdefault(topic, {})
            for partition, offset in partitions.items():
                into[str(partition)] = max(int(offset), into.get(str(partition), 0))
    if not merged:
        return None
    text = json.dumps(merged, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(text.encode("ascii")).decode("ascii").rstrip("=")


class Client:
    """Talks to ingest-api and query-api with API keys (docs/security.md says which key may do what).

    Args:
        ingest_url: ingest-api's base URL.
        query_url: query-api's base URL.
        write_key, read_key, admin_key: the keys for each scope; a call without the key it needs raises
            ``ValueError`` before any request. An admin key serves every call when it is the only one given.
        naive_datetimes_are_utc: take naive ``datetime`` values as UTC instead of refusing them.
        max_attempts: the most requests one call makes, retries and the parts of a long batch included
            (at least 1).
        max_backoff: the longest pause between two attempts, in seconds, whatever ``Retry-After`` says.
        timeout: seconds to wait for each answer (a flush waits longer: its own timeout and 10 s).
        max_batch_items: the most items one request carries; longer batches are sent in parts.
        sleep, rng: how to pause and where jitter comes from (tests pass their own).
    """

    def __init__(
        self,
        ingest_url: str = "http://localhost:8080",
        query_url: str = "http://localhost:8081",
        *,
        write_key: Optional[str] = None,
        read_key: Optional[str] = None,
        admin_key: Optional[str] = None,
        naive_datetimes_are_utc: bool = False,
        max_attempts: int = 8,
        max_backoff: float = 30.0,
        timeout: float = 60.0,
        max_batch_items: int = 1000,
        sleep: Callable[[float], None] = time.sleep,
        rng: Callable[[], float] = random.random,
    ):
        if max_attempts < 1 or max_batch_items < 1:
            raise ValueError("max_attempts and max_batch_items must be at least 1")
        self.max_batch_items = max_batch_items
        self.ingest_url = ingest_url.rstrip("/")
        self.query_url = query_url.rstrip("/")
        self._keys = {"write": write_key or admin_key, "read": read_key or admin_key, "admin": admin_key}
        self.naive_datetimes_are_utc = naive_datetimes_are_utc
        self.max_attempts = max_attempts
        self.max_backoff = max_backoff
        self.timeout = timeout
        self._sleep = sleep
        self._rng = rng

    # ---------------------------------------------------------------- ingest-api

    def post_sessions(self, sessions: Sequence[Mapping[str, Any]], *, atomic: bool = False) -> BatchResult:
        """Publishes sessions; returns once Kafka acknowledged every one.

        Raises:
            PipelineError: an item was rejected (``error.rejected`` says which and why; the valid ones are
                stored unless ``atomic``), the batch was refused as a whole (400, 413, 401, 403), or items
                still failed after ``max_attempts``.
            ValueError: a naive datetime, a NaN or an infinity in an item, before any request.
        """
        return self._post_batch("sessions", sessions, atomic)

    def post_tasks(self, tasks: Sequence[Mapping[str, Any]], *, atomic: bool = False) -> BatchResult:
        """As :meth:`post_sessions`, for tasks."""
        return self._post_batch("tasks", tasks, atomic)

    def flush(self, timeout_ms: Optional[int] = None) -> Dict[str, Any]:
        """Waits until every event published before the call is in the database: ``{"status": "flushed",
        "waited_ms"}``. Raises :class:`PipelineError` 504 (with ``pending``) when ``timeout_ms`` passes."""
        body = {} if timeout_ms is None else {"timeout_ms": timeout_ms}
        # The server answers after at most timeout_ms (30 s by default, 5 min at most): wait for that.
        wait = max(self.timeout, (30_000 if timeout_ms is None else min(timeout_ms, 300_000)) / 1000 + 10)
        return self._call("POST", self.ingest_url + "/api/v1/translation/flush", "write", body,
                          timeout=wait)[1]

    # ----------------------------------------------------------------- query-api

    def get_session(self, session_id: str, *, consistency_token: Optional[str] = None) -> Dict[str, Any]:
        """One session; :class:`PipelineError` 404 when it is not stored."""
        return self._read("/sessions/" + _segment(session_id), {}, consistency_token)

    def get_task(self, task_id: str, *, consistency_token: Optional[str] = None) -> Dict[str, Any]:
        """One task; :class:`PipelineError` 404 when it is not stored."""
        return self._read("/tasks/" + _segment(task_id), {}, consistency_token)

    def iter_sessions(self, *, page_size: int = 100, consistency_token: Optional[str] = None,
                      **filters: Any) -> Iterator[Dict[str, Any]]:
        """Every session matching ``filters`` (``status``, ``user_id``, ``created_from`` ... ``sort_by``,
        ``sort_order``; datetimes allowed), page by page with keyset cursors: no row skipped or repeated."""
        return self._pages("/sessions", filters, page_size, consistency_token)

    def iter_tasks(self, *, page_size: int = 100, consistency_token: Optional[str] = None,
                   **filters: Any) -> Iterator[Dict[str, Any]]:
        """Every task matching ``filters`` (``session_id``, ``status``, time ranges, sort)."""
        return self._pages("/tasks", filters, page_size, consistency_token)

    def iter_session_tasks(self, session_id: str, *, page_size: int = 100,
                           consistency_token: Optional[str] = None) -> Iterator[Dict[str, Any]]:
        """A session's tasks by ``sequence``."""
        return self._pages("/sessions/" + _segment(session_id) + "/tasks", {}, page_size, consistency_token)

    def iter_incomplete_sessions(self, *, page_size: int = 100, consistency_token: Optional[str] = None,
                                 **filters: Any) -> Iterator[Dict[str, Any]]:
        """Sessions pending, running or paused (``user_id``, ``updated_from``, ``updated_to``)."""
        return self._pages("/recovery/incomplete-sessions", filters, page_size, consistency_token)

    def restore(self, session_id: str, *, consistency_token: Optional[str] = None) -> Dict[str, Any]:
        """A session with all its tasks: ``{"session", "session_found", "task_counts", "tasks"}``."""
        return self._call("POST", self._query("/recovery/restore/" + _segment(session_id), {}), "read",
                          None, consistency_token)[1]

    def delete_session(self, session_id: str) -> Dict[str, Any]:
        """Deletes a session and its tasks (admin key): ``{"session_id", "deleted_at", "session_deleted",
        "tasks_deleted"}``; events not newer than the delete never bring it back."""
        return self._call("DELETE", self._query("/sessions/" + _segment(session_id), {}), "admin", None)[1]

    def stats(self) -> Dict[str, Any]:
        """Counts by status and the writer's lag per partition."""
        return self._read("/stats", {}, None)

    # ------------------------------------------------------------------ internals

    def _post_batch(self, kind: str, items: Sequence[Mapping[str, Any]], atomic: bool) -> BatchResult:
        encoded = [self._encode(item, f"{kind}[{i}]") for i, item in enumerate(items)]
        if not encoded:
            raise ValueError(f"a batch needs at least one item; {kind} is empty")
        if atomic and len(encoded) > self.max_batch_items:
            raise ValueError(f"an atomic batch is one request: at most {self.max_batch_items} items")
        url = self.ingest_url + f"/api/v1/translation/{kind}/batch" + ("?atomic=true" if atomic else "")
        final: Dict[int, Dict[str, Any]] = {}
        tokens: List[Optional[str]] = []
        attempts = 0
        try:
            for first in range(0, len(encoded), self.max_batch_items):
                part = list(range(first, min(first + self.max_batch_items, len(encoded))))
                attempts += self._post_part(kind, url, encoded, part, final, tokens, self.max_attempts - attempts)
                if any(final[i].get("status") == "failed" for i in part):
                    break  # Kafka is not taking this part: the next ones would fare no better
        except PipelineError as refused:
            raise PipelineError(refused.status, refused.problem, self._every_item(encoded, final),
                                merge_tokens(*tokens)) from refused
        token = merge_tokens(*tokens)
        results = self._every_item(encoded, final)
        outcome = [r.get("status") for r in results]
        if "failed" in outcome:
            raise PipelineError(503, {"title": "Kafka did not acknowledge every item",
                                      "detail": f"{outcome.count('failed')} of {len(results)} items not acknowledged"
                                                f" after {attempts} requests; send them again later"},
                                results, token)
        if "rejected" in outcome:
            stored = outcome.count("accepted")
            raise PipelineError(207 if stored else 422, {
                "title": "Some items were rejected" if stored else "No item was stored",
                "detail": f"{outcome.count('rejected')} of {len(results)} items rejected, {stored} stored"},
                results, token)
        return BatchResult(results, token, attempts)

    @staticmethod
    def _every_item(encoded: List[Any], final: Dict[int, Dict[str, Any]]) -> List[Dict[str, Any]]:
        """One result per item: its last one, or ``failed`` with reason ``NOT_SENT`` for an item no answer
        covered (its request got no usable answer, or a part before it failed)."""
        return [final.get(i) or {"index": i, "id": None, "status": "failed", "errors": [
            {"field": "", "reason": "NOT_SENT", "message": "no answer covered this item; send it again"}]}
                for i in range(len(encoded))]

    def _post_part(self, kind: str, url: str, encoded: List[Any], pending: List[int],
                   final: Dict[int, Dict[str, Any]], tokens: List[Optional[str]], budget: int) -> int:
        """Sends one request's worth of items until none is ``failed`` or ``budget`` requests are spent;
        records each item's last result in ``final`` and each answer's token. Returns the requests made.

        Raises:
            PipelineError: the part was refused as a whole, or got no usable answer.
        """
        attempts = 0
        while pending and attempts < budget:
            body = {kind: [encoded[i] for i in pending]}
            status, answer, calls, retry_after = self._call_counted(
                "POST", url, "write", body, limit=budget - attempts)
            attempts += calls
            results = answer.get("results")
            if not results:
                raise PipelineError(status, answer)
            if len(results) != len(pending) or sorted(r.get("index") for r in results) != list(range(len(pending))):
                raise PipelineError(status, {"title": "Answer does not match the batch",
                                             "detail": f"{len(pending)} items sent, {len(results)} results"})
            tokens.append(answer.get("consistency_token"))
            failed = []
            for result in results:
                original = pending[result["index"]]
                final[original] = dict(result, index=original)
                if result.get("status") == "failed":
                    failed.append(original)
            pending = failed
            if pending and attempts < budget:
                self._pause(attempts, retry_after)
        return attempts

    def _read(self, path: str, params: Mapping[str, Any], token: Optional[str]) -> Dict[str, Any]:
        return self._call("GET", self._query(path, params), "read", None, token)[1]

    def _pages(self, path: str, filters: Mapping[str, Any], page_size: int,
               token: Optional[str]) -> Iterator[Dict[str, Any]]:
        for own in ("page", "cursor"):
            if own in filters:
                raise ValueError(f"'{own}' is the client's to set: iterate, and it follows the keyset cursors")
        params = dict(filters, page_size=page_size)
        cursor = ""
        while True:
            page = self._read(path, dict(params, cursor=cursor) if cursor else params, token)
            yield from page.get("items", [])
            cursor = page.get("next_cursor") or ""
            if not cursor:
                return

    def _query(self, path: str, params: Mapping[str, Any]) -> str:
        url = self.query_url + "/api/v1/translation" + path
        if params:
            url += "?" + urllib.parse.urlencode(
                {name: self._param(name, value) for name, value in params.items() if value is not None})
        return url

    def _param(self, name: str, value: Any) -> str:
        if isinstance(value, _dt.datetime):
            return format_timestamp(value, naive_is_utc=self.naive_datetimes_are_utc, where=name)
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def _encode(self, value: Any, where: str) -> Any:
        """``value`` with its datetimes as text; refuses what JSON cannot hold exactly."""
        if isinstance(value, _dt.datetime):
            return format_timestamp(value, naive_is_utc=self.naive_datetimes_are_utc, where=where)
        if isinstance(value, Mapping):
            encoded = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    raise TypeError(f"{where} has the key {key!r}: JSON object keys are str")
                encoded[self._encode(key, f"{where} key")] = self._encode(item, f"{where}.{key}")
            return encoded
        if isinstance(value, (list, tuple)):
            return [self._encode(v, f"{where}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{where} is {value}, which JSON cannot hold")
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:
                raise ValueError(f"{where} holds a lone surrogate ({error.reason}), which is not Unicode text"
                                 ) from error
            return value
        if value is None or isinstance(value, (int, float, bool)):
            return value
        raise TypeError(f"{where} is a {type(value).__name__}, which this client does not write as JSON")

    def _call(self, method: str, url: str, scope: str, body: Any, token: Optional[str] = None,
              timeout: Optional[float] = None) -> Tuple[int, Dict[str, Any]]:
        status, answer, _, _ = self._call_counted(method, url, scope, body, token, limit=self.max_attempts,
                                                  timeout=timeout)
        if not 200 <= status < 300:
            raise PipelineError(status, answer)
        return status, answer

    def _call_counted(self, method: str, url: str, scope: str, body: Any, token: Optional[str] = None, *,
                      limit: int, timeout: Optional[float] = None) -> Tuple[int, Dict[str, Any], int, Optional[str]]:
        """Sends until an answer that is not 429/503, at most ``limit`` times: (status, JSON body, calls,
        Retry-After). Refusals are returned, not raised; a 503 that lists per-item results is returned at
        once (its batch decides which items to send again); connection errors are retried."""
        key = self._keys[scope]
        if not key:
            raise ValueError(f"this call needs a key with the {scope} scope: pass {scope}_key (or admin_key) to Client")
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"X-API-Key": key, "Accept": "application/json, application/problem+json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["X-Consistency-Token"] = token
        calls = 0
        while True:
            calls += 1
            request = urllib.request.Request(url, data=data, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                    status, retry_after, raw = response.status, None, response.read()
                    content_type = response.headers.get("Content-Type")
            except urllib.error.HTTPError as error:
                status, retry_after = error.code, error.headers.get("Retry-After")
                content_type = error.headers.get("Content-Type")
                try:
                    raw = error.read()
                except (http.client.HTTPException, OSError):
                    raw = b""  # the refusal's body was cut short: its status is what counts
                finally:
                    error.close()
            except (http.client.HTTPException, OSError) as error:
                # No answer, or an answer cut short: sent again after a pause, whole.
                if calls >= limit:
                    raise PipelineError(0, {"title": "No answer", "detail": f"{method} {url}: {error!r}"}) from error
                self._pause(calls, None)
                continue
            answer = _json(raw)
            if answer is None:
                if 200 <= status < 300:
                    raise PipelineError(status, {
                        "title": "Not a JSON answer",
                        "detail": f"{method} {url} answered {status} with {content_type}: {raw[:200]!r}"})
                answer = {"title": f"HTTP {status}", "detail": raw[:200].decode("utf-8", "replace")}
            if status not in RETRYABLE_STATUSES or calls >= limit or answer.get("results"):
                return status, answer, calls, retry_after
            self._pause(calls, retry_after)

    def _pause(self, attempt: int, retry_after: Optional[str]) -> None:
        """Waits ``Retry-After`` (seconds or an HTTP date) when given, else 0.5 s doubled per attempt, plus
        up to 10 % jitter; never longer than ``max_backoff``."""
        wait = _seconds(retry_after)
        if wait is None:
            wait = 0.5 * 2 ** min(attempt - 1, 16)
        self._sleep(min(wait * (1 + 0.1 * self._rng()), self.max_backoff))


def _seconds(retry_after: Optional[str]) -> Optional[float]:
    """A ``Retry-After`` value in seconds from now; ``None`` when absent or unreadable."""
    if retry_after is None:
        return None
    try:
        seconds = float(retry_after)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(retry_after)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=_dt.timezone.utc)
        seconds = (when - _dt.datetime.now(_dt.timezone.utc)).total_seconds()
    return max(seconds, 0.0) if math.isfinite(seconds) else None


def _segment(value: str) -> str:
    if not isinstance(value, str) or not value or value in (".", ".."):
        raise ValueError(f"an id must be a non-empty str other than '.' and '..', not {value!r}")
    return urllib.parse.quote(value, safe="")


def _json(raw: bytes) -> Optional[Dict[str, Any]]:
    """The JSON object of an answer; ``{}`` for an empty one, ``None`` when it is not a JSON object."""
    if not raw:
        return {}
    try:
        value = json.loads(raw.decode("utf-8"))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
