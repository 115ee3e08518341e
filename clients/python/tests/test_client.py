"""The client's own logic against a scripted stand-in server: retries, Retry-After, item re-sends, tokens,
datetimes. The tests against the real services are in test_live.py."""

import base64
import email.utils
import json
import sys
import threading
import unittest
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from translation_pipeline import (  # noqa: E402
    Client, PipelineError, format_timestamp, merge_tokens, parse_timestamp)


def token(offsets):
    return base64.urlsafe_b64encode(json.dumps(offsets).encode()).decode().rstrip("=")


def decode(text):
    return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


class ScriptedServer:
    """Answers each request with the next (status, headers, body) of a script and records the requests."""

    def __init__(self, script):
        self.script = list(script)
        self.requests = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                owner.requests.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()},
                                       json.loads(body) if body else None))
                status, headers, answer = owner.script.pop(0)
                if status == "DROP":  # no answer: the connection closes
                    self.close_connection = True
                    return
                payload = json.dumps(answer).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def accepted(index, item_id):
    return {"index": index, "id": item_id, "status": "accepted", "errors": []}


def failed(index, item_id):
    return {"index": index, "id": item_id, "status": "failed",
            "errors": [{"field": "", "reason": "NOT_ACKNOWLEDGED", "message": "send it again"}]}


NOW = datetime(2026, 1, 1, 10, 0, 0, 123456, tzinfo=timezone.utc)


def sessions(*ids):
    return [{"session_id": i, "status": "running", "created_at": NOW, "updated_at": NOW} for i in ids]


class BatchRetryTest(unittest.TestCase):

    def client(self, server, **options):
        self.pauses = []
        return Client(server.url, server.url, write_key="w", read_key="r",
                      sleep=self.pauses.append, rng=lambda: 0.0, **options)

    def test_a_503_with_results_resends_only_the_failed_items_after_retry_after(self):
        server = ScriptedServer([
            (503, {"Retry-After": "2"}, {"title": "Kafka did not acknowledge", "results": [
                accepted(0, "a"), failed(1, "b"), accepted(2, "c")],
                "consistency_token": token({"t": {"0": 5, "1": 3}})}),
            (202, {}, {"accepted": 1, "results": [accepted(0, "b")],
                       "consistency_token": token({"t": {"1": 9}})}),
        ])
        self.addCleanup(server.close)

        result = self.client(server).post_sessions(sessions("a", "b", "c"))

        self.assertEqual([item["session_id"] for item in server.requests[1][3]["sessions"]], ["b"])
        self.assertEqual(self.pauses, [2.0])
        self.assertEqual([(r["index"], r["id"], r["status"]) for r in result.results],
                         [(0, "a", "accepted"), (1, "b", "accepted"), (2, "c", "accepted")])
        self.assertEqual(result.attempts, 2)
        self.assertEqual(decode(result.consistency_token), {"t": {"0": 5, "1": 9}})

    def test_a_207_with_a_failed_item_resends_it_alone_and_never_a_rejected_one(self):
        rejected = {"index": 1, "id": "bad", "status": "rejected",
                    "errors": [{"field": "status", "reason": "INVALID_VALUE", "message": "no"}]}
        server = ScriptedServer([
            (207, {}, {"results": [failed(0, "a"), rejected, accepted(2, "c")], "consistency_token": None}),
            (202, {}, {"results": [accepted(0, "a")], "consistency_token": token({"t": {"0": 1}})}),
        ])
        self.addCleanup(server.close)

        with self.assertRaises(PipelineError) as raised:
            self.client(server).post_sessions(sessions("a", "bad", "c"))

        self.assertEqual(len(server.requests), 2)
        self.assertEqual([item["session_id"] for item in server.requests[1][3]["sessions"]], ["a"])
        self.assertEqual(raised.exception.status, 207)
        self.assertEqual(decode(raised.exception.consistency_token), {"t": {"0": 1}})
        self.assertEqual([r["status"] for r in raised.exception.results], ["accepted", "rejected", "accepted"])
        self.assertEqual(raised.exception.rejected[0]["errors"][0]["field"], "status")
        self.assertEqual(self.pauses, [0.5])

    def test_a_503_without_results_and_a_429_are_retried_after_their_capped_jittered_retry_after(self):
        server = ScriptedServer([
            (503, {"Retry-After": "3600"}, {"title": "Too many request bodies in flight"}),
            (429, {"Retry-After": "1"}, {"title": "Too many requests"}),
            (202, {}, {"results": [accepted(0, "a")], "consistency_token": None}),
        ])
        self.addCleanup(server.close)
        client = Client(server.url, write_key="w", max_backoff=10, sleep=(pauses := []).append,
                        rng=lambda: 1.0)

        result = client.post_sessions(sessions("a"))

        self.assertEqual(pauses, [10, 1.1])
        self.assertEqual(result.attempts, 3)

    def test_items_still_failing_after_max_attempts_raise_with_their_results(self):
        server = ScriptedServer([
            (503, {"Retry-After": "1"}, {"results": [failed(0, "a"), accepted(1, "b")]}),
            (503, {"Retry-After": "1"}, {"results": [failed(0, "a")]}),
        ])
        self.addCleanup(server.close)

        with self.assertRaises(PipelineError) as raised:
            self.client(server, max_attempts=2).post_sessions(sessions("a", "b"))

        self.assertEqual(raised.exception.status, 503)
        self.assertEqual([r["status"] for r in raised.exception.results], ["failed", "accepted"])
        self.assertEqual(len(server.requests), 2)

    def test_a_refusal_of_the_whole_batch_is_raised_at_once_with_its_problem(self):
        server = ScriptedServer([(400, {}, {"title": "Bad Request", "detail": "not a batch",
                                            "errors": [{"field": "sessions"}]})])
        self.addCleanup(server.close)

        with self.assertRaises(PipelineError) as raised:
            self.client(server).post_sessions(sessions("a"))

        self.assertEqual(raised.exception.status, 400)
        self.assertEqual(raised.exception.problem["errors"][0]["field"], "sessions")
        self.assertEqual(self.pauses, [])

    def test_a_connection_that_fails_is_retried_then_reported(self):
        client = Client("http://127.0.0.1:9", write_key="w", max_attempts=3,
                        sleep=(pauses := []).append, rng=lambda: 0.0)

        with self.assertRaises(PipelineError) as raised:
            client.post_sessions(sessions("a"))

        self.assertEqual(raised.exception.status, 0)
        self.assertEqual(pauses, [0.5, 1.0])


    def test_a_batch_longer_than_max_batch_items_is_sent_in_parts_and_answered_as_one(self):
        def answer(first, count):
            return (202, {}, {"results": [accepted(i, f"s{first + i}") for i in range(count)],
                              "consistency_token": token({"t": {str(first // 2): first + count}})})
        server = ScriptedServer([answer(0, 2), answer(2, 2), answer(4, 1)])
        self.addCleanup(server.close)

        result = self.client(server, max_batch_items=2).post_sessions(sessions(*[f"s{i}" for i in range(5)]))

        self.assertEqual([len(r[3]["sessions"]) for r in server.requests], [2, 2, 1])
        self.assertEqual([r["index"] for r in result.results], [0, 1, 2, 3, 4])
        self.assertEqual(decode(result.consistency_token), {"t": {"0": 2, "1": 4, "2": 5}})
        self.assertEqual(result.attempts, 3)

    def test_an_answer_that_does_not_match_the_batch_or_is_not_json_is_an_error(self):
        server = ScriptedServer([(202, {}, {"results": [accepted(0, "a")]})])
        self.addCleanup(server.close)
        with self.assertRaisesRegex(PipelineError, "3 items sent, 1 results"):
            self.client(server).post_sessions(sessions("a", "b", "c"))

        server = ScriptedServer([(200, {}, ["not", "an", "object"])])
        self.addCleanup(server.close)
        with self.assertRaisesRegex(PipelineError, "Not a JSON answer|with application/json"):
            self.client(server).get_session("x")

    def test_retry_after_in_seconds_as_a_date_or_unreadable_and_the_cap_with_jitter(self):
        pauses = []
        client = Client(write_key="w", max_backoff=30, sleep=pauses.append, rng=lambda: 1.0)
        client._pause(1, "29.9")
        client._pause(1, "nan")
        client._pause(3, "soon")
        client._pause(1, email.utils.format_datetime(datetime.now(timezone.utc) + timedelta(seconds=20),
                                                     usegmt=True))
        self.assertEqual(pauses[:3], [30, 0.55, 2.2])
        self.assertTrue(17 < pauses[3] <= 22, pauses[3])


    def test_a_batch_that_ends_without_an_answer_still_reports_every_item_and_the_token_of_the_stored(self):
        server = ScriptedServer([
            (503, {"Retry-After": "1"}, {"results": [accepted(0, "a"), failed(1, "b")],
                                         "consistency_token": token({"t": {"0": 7}})}),
            ("DROP", {}, None), ("DROP", {}, None),
        ])
        self.addCleanup(server.close)

        with self.assertRaises(PipelineError) as raised:
            self.client(server, max_attempts=3).post_sessions(sessions("a", "b"))

        self.assertEqual(raised.exception.status, 0)
        self.assertEqual([r["status"] for r in raised.exception.results], ["accepted", "failed"])
        self.assertEqual(decode(raised.exception.consistency_token), {"t": {"0": 7}})

    def test_parts_after_a_refused_one_come_back_failed_as_not_sent(self):
        server = ScriptedServer([
            (202, {}, {"results": [accepted(0, "a")], "consistency_token": token({"t": {"0": 1}})}),
            (413, {}, {"title": "Payload Too Large"}),
        ])
        self.addCleanup(server.close)

        with self.assertRaises(PipelineError) as raised:
            self.client(server, max_batch_items=1).post_sessions(sessions("a", "b", "c"))

        self.assertEqual(raised.exception.status, 413)
        self.assertEqual([(r["status"], r["errors"][0]["reason"] if r["errors"] else None)
                          for r in raised.exception.results],
                         [("accepted", None), ("failed", "NOT_SENT"), ("failed", "NOT_SENT")])
        self.assertEqual(len(server.requests), 2)

    def test_max_attempts_bounds_every_request_of_a_call_parts_included(self):
        server = ScriptedServer([(503, {"Retry-After": "1"}, {"results": [failed(0, "a")]})] * 2)
        self.addCleanup(server.close)

        with self.assertRaises(PipelineError) as raised:
            self.client(server, max_attempts=2, max_batch_items=1).post_sessions(sessions("a", "b", "c"))

        self.assertEqual(len(server.requests), 2)
        self.assertEqual(raised.exception.status, 503)
        self.assertEqual([r["errors"][0]["reason"] for r in raised.exception.results],
                         ["NOT_ACKNOWLEDGED", "NOT_SENT", "NOT_SENT"])

    def test_a_redirect_is_not_taken_for_success(self):
        server = ScriptedServer([(307, {"Location": "/elsewhere"}, {}), (301, {"Location": "/x"}, {})])
        self.addCleanup(server.close)
        client = Client(server.url, server.url, write_key="w", admin_key="a")

        with self.assertRaises(PipelineError) as flushed:
            client.flush()
        with self.assertRaises(PipelineError) as deleted:
            client.delete_session("s-1")

        self.assertEqual((flushed.exception.status, deleted.exception.status), (307, 301))


class PagingTest(unittest.TestCase):

    def test_pages_follow_next_cursor_and_datetimes_become_utc_parameters(self):
        server = ScriptedServer([
            (200, {}, {"items": [{"session_id": "a"}, {"session_id": "b"}], "next_cursor": "c1"}),
            (200, {}, {"items": [{"session_id": "c"}], "next_cursor": None}),
        ])
        self.addCleanup(server.close)
        client = Client(server.url, server.url, read_key="r")
        since = datetime(2026, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))

        ids = [s["session_id"] for s in client.iter_sessions(user_id="u 1", created_from=since, page_size=2)]

        self.assertEqual(ids, ["a", "b", "c"])
        self.assertIn("created_from=2026-01-01T10%3A00%3A00.000000Z", server.requests[0][1])
        self.assertIn("user_id=u+1", server.requests[0][1])
        self.assertIn("cursor=c1", server.requests[1][1])
        self.assertEqual(server.requests[0][2]["x-api-key"], "r")


class ValuesTest(unittest.TestCase):

    def test_aware_datetimes_are_written_in_utc_with_microseconds(self):
        paris = timezone(timedelta(hours=1))
        self.assertEqual(format_timestamp(datetime(2026, 1, 1, 11, 0, 0, 5, tzinfo=paris)),
                         "2026-01-01T10:00:00.000005Z")

    def test_a_naive_datetime_is_refused_naming_its_field_unless_the_client_takes_it_as_utc(self):
        item = {"session_id": "a", "status": "running", "created_at": NOW,
                "updated_at": datetime(2026, 1, 1, 10, 0)}
        with self.assertRaisesRegex(ValueError, r"sessions\[0\]\.updated_at is a naive datetime"):
            Client(write_key="w").post_sessions([item])

        server = ScriptedServer([(202, {}, {"results": [accepted(0, "a")], "consistency_token": None})])
        self.addCleanup(server.close)
        Client(server.url, write_key="w", naive_datetimes_are_utc=True).post_sessions([item])
        self.assertEqual(server.requests[0][3]["sessions"][0]["updated_at"], "2026-01-01T10:00:00.000000Z")

    def test_values_json_cannot_hold_are_refused_before_any_request(self):
        with self.assertRaisesRegex(ValueError, r"sessions\[0\]\.metadata\.x is nan"):
            Client(write_key="w").post_sessions([{"session_id": "a", "metadata": {"x": float("nan")}}])
        with self.assertRaisesRegex(TypeError, r"sessions\[0\]\.metadata\.d is a date"):
            Client(write_key="w").post_sessions([{"session_id": "a", "metadata": {"d": NOW.date()}}])

    def test_inputs_that_cannot_be_sent_as_given_are_refused_naming_where(self):
        client = Client(write_key="w", read_key="r")
        with self.assertRaisesRegex(ValueError, r"sessions\[0\]\.title holds a lone surrogate"):
            client.post_sessions([{"session_id": "a", "title": "bad\udcff"}])
        with self.assertRaisesRegex(TypeError, r"sessions\[0\]\.metadata has the key 1"):
            client.post_sessions([{"session_id": "a", "metadata": {1: "a", "1": "b"}}])
        with self.assertRaisesRegex(ValueError, "non-empty str"):
            client.get_session("")
        with self.assertRaisesRegex(ValueError, "other than"):
            list(client.iter_session_tasks(".."))
        with self.assertRaisesRegex(ValueError, "'page' is the client's"):
            list(client.iter_sessions(page=2))
        with self.assertRaisesRegex(ValueError, "at least one item"):
            client.post_sessions([])
        with self.assertRaisesRegex(ValueError, "out of range in UTC"):
            format_timestamp(datetime.max.replace(tzinfo=timezone(timedelta(hours=-5))))
        self.assertEqual(format_timestamp(datetime(999, 1, 2, tzinfo=timezone.utc)),
                         "0999-01-02T00:00:00.000000Z")

    def test_a_flush_waits_for_its_own_timeout_before_giving_up_on_the_answer(self):
        client = Client(write_key="w", timeout=5)
        waits = []
        client._call_counted = lambda *args, **kwargs: (waits.append(kwargs["timeout"]) or (200, {}, 1, None))
        client.flush(timeout_ms=120_000)
        client.flush()
        self.assertEqual(waits, [130.0, 40.0])

    def test_a_call_without_the_key_it_needs_says_which(self):
        with self.assertRaisesRegex(ValueError, "needs a key with the admin scope"):
            Client(read_key="r").delete_session("a")

    def test_timestamps_as_the_services_write_them_are_read_on_every_python(self):
        self.assertEqual(parse_timestamp("2026-01-01T10:00:00.5Z"), datetime(2026, 1, 1, 10, 0, 0, 500000,
                                                                               tzinfo=timezone.utc))
        self.assertEqual(parse_timestamp("2026-01-01T10:00:00Z"), datetime(2026, 1, 1, 10, tzinfo=timezone.utc))
        self.assertEqual(parse_timestamp("2026-01-01T12:00:00.000001+02:00"),
                         datetime(2026, 1, 1, 10, 0, 0, 1, tzinfo=timezone.utc))
        with self.assertRaises(ValueError):
            parse_timestamp("2026-01-01T10:00:00")

    def test_merged_tokens_keep_the_highest_offset_of_each_partition(self):
        merged = merge_tokens(token({"s": {"0": 4, "2": 7}}), None, token({"s": {"0": 9}, "t": {"1": 1}}))
        self.assertEqual(decode(merged), {"s": {"0": 9, "2": 7}, "t": {"1": 1}})
        self.assertIsNone(merge_tokens(None, ""))


if __name__ == "__main__":
    unittest.main()
