"""The client against the running services (./run-local.sh). Skipped, with one line, unless TP_INGEST_URL
is set; .ci/local-run-smoke.sh sets it, and TP_KAFKA_PID for the broker outage."""

import os
import signal
import sys
import threading
import time
import unittest
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from translation_pipeline import Client, PipelineError, parse_timestamp  # noqa: E402

INGEST = os.environ.get("TP_INGEST_URL")
QUERY = os.environ.get("TP_QUERY_URL", "http://localhost:8081")
KAFKA_PID = os.environ.get("TP_KAFKA_PID")


def client(**options):
    return Client(INGEST, QUERY, write_key="dev-write-key", read_key="dev-read-key",
                  admin_key="dev-admin-key", **options)


instant = parse_timestamp


@unittest.skipUnless(INGEST, "live tests skipped: set TP_INGEST_URL (and TP_QUERY_URL) to a running stack")
class LiveTest(unittest.TestCase):

    def setUp(self):
        self.prefix = "py-" + uuid.uuid4().hex[:10]
        self.at = datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))

    def session(self, suffix, **fields):
        item = {"session_id": f"{self.prefix}-{suffix}", "user_id": self.prefix, "status": "running",
                "title": "Rapport 😀", "total_tasks": 2, "metadata": {"origin": "py", "n": 0.1},
                "created_at": self.at, "updated_at": self.at}
        item.update(fields)
        return item

    def test_a_batch_is_read_back_exactly_through_its_consistency_token(self):
        api = client()
        sent = self.session("exact")
        task = {"task_id": f"{self.prefix}-t0", "session_id": sent["session_id"], "sequence": 0,
                "status": "completed", "source_text": "Hello", "translated_text": "Bonjour",
                "created_at": self.at, "updated_at": self.at, "completed_at": self.at}

        batch = api.post_sessions([sent])
        tasks = api.post_tasks([task])
        stored = api.get_session(sent["session_id"], consistency_token=batch.consistency_token)
        restored = api.restore(sent["session_id"], consistency_token=tasks.consistency_token)

        self.assertEqual(batch.accepted, 1)
        self.assertEqual(batch.attempts, 1)
        for name in ("session_id", "user_id", "status", "title", "total_tasks", "metadata"):
            self.assertEqual(stored[name], sent[name], name)
        self.assertEqual(instant(stored["created_at"]), self.at)
        self.assertEqual(instant(stored["updated_at"]), self.at)
        self.assertTrue(restored["session_found"])
        self.assertEqual([t["task_id"] for t in restored["tasks"]], [task["task_id"]])
        self.assertEqual(restored["tasks"][0]["translated_text"], "Bonjour")
        self.assertEqual(instant(restored["tasks"][0]["completed_at"]), self.at)

    def test_keyset_pages_list_every_session_once(self):
        api = client()
        sent = [self.session(f"page-{i}") for i in range(7)]
        batch = api.post_sessions(sent)

        listed = list(api.iter_sessions(user_id=self.prefix, sort_by="session_id", sort_order="asc",
                                        page_size=3, consistency_token=batch.consistency_token))
        incomplete = list(api.iter_incomplete_sessions(user_id=self.prefix, page_size=2,
                                                       consistency_token=batch.consistency_token))

        self.assertEqual([s["session_id"] for s in listed], sorted(s["session_id"] for s in sent))
        self.assertEqual(len(incomplete), 7)

    def test_a_207_raises_with_the_rejected_item_and_the_valid_ones_are_stored(self):
        api = client()
        good = [self.session("good-1"), self.session("good-2")]
        bad = self.session("bad", status="not-a-status")

        with self.assertRaises(PipelineError) as raised:
            api.post_sessions([good[0], bad, good[1]])

        self.assertEqual(raised.exception.status, 207)
        self.assertEqual([r["status"] for r in raised.exception.results], ["accepted", "rejected", "accepted"])
        self.assertEqual(raised.exception.rejected[0]["errors"][0]["field"], "status")
        api.flush(timeout_ms=30000)
        self.assertEqual(api.get_session(good[1]["session_id"])["status"], "running")

    def test_naive_datetimes_are_refused_unless_the_client_takes_them_as_utc(self):
        naive = self.session("naive", updated_at=datetime(2026, 3, 1, 10, 0))
        with self.assertRaisesRegex(ValueError, r"sessions\[0\]\.updated_at"):
            client().post_sessions([naive])

        batch = client(naive_datetimes_are_utc=True).post_sessions([naive])

        stored = client().get_session(naive["session_id"], consistency_token=batch.consistency_token)
        self.assertEqual(instant(stored["updated_at"]), datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc))

    def test_delete_then_read_is_404_and_stats_count(self):
        api = client()
        batch = api.post_sessions([self.session("gone")])
        api.get_session(f"{self.prefix}-gone", consistency_token=batch.consistency_token)

        deleted = api.delete_session(f"{self.prefix}-gone")
        with self.assertRaises(PipelineError) as raised:
            api.get_session(f"{self.prefix}-gone")

        self.assertTrue(deleted["session_deleted"])
        self.assertEqual(raised.exception.status, 404)
        stats = api.stats()
        self.assertGreater(stats["sessions"]["total"], 0)
        self.assertEqual(stats["sessions"]["total"], sum(stats["sessions"]["by_status"].values()))

    @unittest.skipUnless(KAFKA_PID, "broker outage skipped: set TP_KAFKA_PID to the broker's process id")
    def test_a_batch_rides_out_a_broker_outage(self):
        answers = []
        api = client(max_attempts=20, max_backoff=5)
        original = api._call_counted

        def recording(*args, **kwargs):
            answer = original(*args, **kwargs)
            answers.append(answer[0])
            return answer

        api._call_counted = recording
        outcome = {}
        pid = int(KAFKA_PID)
        os.kill(pid, signal.SIGSTOP)
        try:
            worker = threading.Thread(
                target=lambda: outcome.update(batch=api.post_sessions([self.session("outage")])))
            worker.start()
            time.sleep(12)  # past ingest.publish-timeout (8 s): the first attempt is answered 503
        finally:
            os.kill(pid, signal.SIGCONT)
        worker.join(120)

        self.assertIn("batch", outcome, "the batch did not complete after the broker came back")
        self.assertIn(503, answers)
        self.assertGreaterEqual(outcome["batch"].attempts, 2)
        api.flush(timeout_ms=90000)  # the workers rejoin their group after the broker's pause
        stored = api.get_session(f"{self.prefix}-outage")
        self.assertEqual(stored["status"], "running")


if __name__ == "__main__":
    unittest.main()
