"""Signed messages with the wrong JSON types, missing fields, extra frames or bytes that are not UTF-8: each is
answered or dropped, and the kernel serves a correct request after every one. Unsigned or wrongly signed
messages are dropped unanswered."""
import itertools
import json
import os
import unittest
from queue import Empty

from jupyter_client.manager import start_new_kernel

TIMEOUT = 60
WRONG_VALUES = [None, 7, -1.5, True, "text", [], [1, "a"], {}, {"a": {"b": None}}]
# The content of each request the kernel handles on the shell channel, as a client would send it.
REQUESTS = {
    "kernel_info_request": {},
    "execute_request": {"code": "1 + 1", "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
    "complete_request": {"code": "Math.ab", "cursor_pos": 7},
    "inspect_request": {"code": "String.valueOf", "cursor_pos": 14, "detail_level": 0},
    "is_complete_request": {"code": "int x = 1;"},
    "history_request": {"output": False, "raw": True, "hist_access_type": "tail", "n": 3, "session": 0,
                        "start": 0, "stop": 3, "pattern": "*", "unique": False},
    "comm_info_request": {"target_name": "x"},
    "comm_open": {"comm_id": "c1", "target_name": "nobody", "data": {}},
    "comm_msg": {"comm_id": "c1", "data": {}},
    "comm_close": {"comm_id": "c1", "data": {}},
}
HEADER_FIELDS = ["msg_id", "msg_type", "session", "username", "date", "version"]


def make_header(session, msg_type, changes=None):
    h = session.msg_header(msg_type)
    h["date"] = h["date"].isoformat()
    h.update(changes or {})
    return h


def malformed(session):
    """(what, header, parent, metadata, content, extra frames) for every malformation."""
    def header(msg_type, changes=None):
        return make_header(session, msg_type, changes)

    for msg_type, content in REQUESTS.items():
        for field, value in itertools.product(HEADER_FIELDS, WRONG_VALUES):
            yield f"{msg_type} header.{field}={value!r}", header(msg_type, {field: value}), {}, {}, content, []
        for field in HEADER_FIELDS:
            h = header(msg_type)
            del h[field]
            yield f"{msg_type} without header.{field}", h, {}, {}, content, []
        for field, value in itertools.product(content, WRONG_VALUES):
            yield f"{msg_type} content.{field}={value!r}", header(msg_type), {}, {}, {**content, field: value}, []
        for field in content:
            yield f"{msg_type} without content.{field}", header(msg_type), {}, {}, {k: v for k, v in content.items() if k != field}, []
        yield f"{msg_type} with extra frames", header(msg_type), {}, {}, content, [b"extra", b"\xff\xfe"]
        yield f"{msg_type} metadata=[]", header(msg_type), {}, [], content, []
        yield f"{msg_type} parent=7", header(msg_type), 7, {}, content, []
    for value in WRONG_VALUES:
        yield f"execute_request user_expressions value {value!r}", header("execute_request"), {}, {}, \
            {**REQUESTS["execute_request"], "user_expressions": {"v": value}}, []


class MalformedMessagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        env = dict(os.environ, SPARKBOOK_SPARK="off")  # the protocol is under test, not Spark
        cls.km, cls.kc = start_new_kernel(kernel_name="sparkbook", startup_timeout=TIMEOUT, env=env)
        cls.session = cls.kc.session
        cls.shell = cls.kc.shell_channel.socket

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def send_raw(self, header, parent, metadata, content, extra=(), sign=True, raw_content=None):
        parts = [json.dumps(p).encode() for p in (header, parent, metadata)]
        parts.append(raw_content if raw_content is not None else json.dumps(content).encode())
        signature = self.session.sign(parts) if sign else b""
        self.shell.send_multipart([b"<IDS|MSG>", signature, *parts, *extra])

    def assert_serving(self, what):
        """A correct request gets its reply; replies to the malformed message before it are read and set aside."""
        msg_id = self.kc.kernel_info()
        while True:
            try:
                reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            except Empty:
                self.fail(f"no kernel_info_reply after {what}: the kernel stopped serving")
            if reply["parent_header"].get("msg_id") == msg_id:
                self.assertEqual(reply["content"]["status"], "ok")
                return

    def test_every_malformed_request_is_answered_or_dropped_and_the_kernel_keeps_serving(self):
        count = 0
        for what, header, parent, metadata, content, extra in malformed(self.session):
            with self.subTest(what):
                self.send_raw(header, parent, metadata, content, extra)
                self.assert_serving(what)
                count += 1
        self.assertGreater(count, 500)
        self.assertTrue(self.km.is_alive())

    def test_content_that_is_not_utf8_or_not_json(self):
        for raw in [b"\xff\xfe\xfd", b"{not json", b"[1, 2]", b"null", b'"a string"']:
            with self.subTest(raw=raw):
                self.send_raw(make_header(self.session, "execute_request"), {}, {}, None, raw_content=raw)
                self.assert_serving(repr(raw))

    def test_a_null_msg_type_is_ignored_and_an_object_one_too(self):
        for msg_type in [None, {"a": 1}]:
            header = make_header(self.session, "execute_request", {"msg_type": msg_type})
            self.send_raw(header, {}, {}, REQUESTS["execute_request"])
            self.assert_serving(f"msg_type={msg_type!r}")
        self.assertTrue(self.km.is_alive())

    def test_user_expressions_that_are_not_strings_get_an_error_each(self):
        header = make_header(self.session, "execute_request")
        self.send_raw(header, {}, {}, {**REQUESTS["execute_request"], "code": "int v = 6;",
                                       "user_expressions": {"bad": {"a": 1}, "good": "v * 7"}})
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != header["msg_id"]:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        expressions = reply["content"]["user_expressions"]
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(expressions["bad"]["status"], "error")
        self.assertIn("must be strings", expressions["bad"]["evalue"])
        self.assertEqual(expressions["good"]["data"]["text/plain"], "42")

    def test_unsigned_and_wrongly_signed_messages_are_dropped_unanswered(self):
        for signature in [b"", b"0" * 64]:
            header = make_header(self.session, "kernel_info_request")
            parts = [json.dumps(p).encode() for p in (header, {}, {}, {})]
            self.shell.send_multipart([b"<IDS|MSG>", signature, *parts])
            with self.assertRaises(Empty):
                reply = self.kc.get_shell_msg(timeout=1.5)
                self.fail(f"answered an unsigned message: {reply}")
        self.assert_serving("unsigned messages")


if __name__ == "__main__":
    unittest.main()
