"""Soak: a mixed public load for a minute while editors publish and edit in the admin.

    .venv/bin/python bench/soak.py                    # 60 s, 64 connections
    .venv/bin/python bench/soak.py --duration 20      # a quick look

Builds (once) a PostgreSQL database with the seed and a small corpus, serves it with
gunicorn (2 sync workers, the page cache on, in Redis when it answers), loads it with
`wrk` from loopback over home, archive, article, author, dossier, tag and corrections
pages, every feed format and several searches, while a second client signs in to the
admin and keeps writing new articles, publishing them and editing others through the
admin's forms. Reports requests served, transport errors and 5xx answers (all must be
zero) and each worker's resident memory at the start and the end. Exits non-zero when
anything failed. Needs `wrk` (apt-get install wrk).
"""

import argparse
import http.client
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import SERVER, create_database, environment  # noqa: E402
from bench.server import Gunicorn  # noqa: E402
from tests.admin.forms import _FormReader  # noqa: E402

HOST, PORT = "127.0.0.1", 8765
PYTHON = sys.executable
PATHS = [
    "/", "/articles/", "/articles/?page=3",
    "/articles/kazakhstans-role-in-the-armenia-azerbaijan-peace-process/",
    "/authors/", "/authors/ibrahim-mammadov/", "/dossiers/", "/dossiers/caucasus-connectivity/",
    "/tags/armenia/", "/corrections/", "/feed/", "/feed/atom/", "/feed/json/",
    "/dossiers/caucasus-connectivity/feed/", "/search/?q=Minsk", "/search/?q=energy+security",
    "/search/?q=%22trade+corridors%22+-Iran", "/sitemap.xml", "/a/1/",
]  # fmt: skip

LUA = """
local paths = {%s}
local n = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) server_errors = 0; served = 0 end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
function response(status, headers, body)
  served = served + 1
  if status >= 500 then server_errors = server_errors + 1 end
end
function done(summary, latency, requests)
  local errors5xx, total = 0, 0
  for _, t in ipairs(threads) do
    errors5xx = errors5xx + t:get("server_errors"); total = total + t:get("served")
  end
  io.write(string.format("SOAK served=%%d 5xx=%%d\\n", total, errors5xx))
end
"""


class Editor(threading.Thread):
    """Signs in to the admin and keeps writing, publishing and editing articles."""

    def __init__(self, username, password, stop):
        super().__init__(daemon=True)
        self.username, self.password, self.stop = username, password, stop
        self.cookies, self.published, self.edited, self.failures = {}, 0, 0, []

    def request(self, method, path, fields=None):
        connection = http.client.HTTPConnection(HOST, PORT, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields, doseq=True)
            headers |= {"Content-Type": "application/x-www-form-urlencoded",
                        "Referer": f"http://{HOST}:{PORT}{path}"}  # fmt: skip
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            self.cookies |= {key: morsel.value for key, morsel in cookie.items()}
        connection.close()
        return response.status, response.getheader("Location", ""), content

    def form(self, path, form_id):
        _, _, html = self.request("GET", path)
        reader = _FormReader(form_id)
        reader.feed(html)
        return {
            name: values if len(values) != 1 else values[0] for name, values in reader.data.items()
        }

    def sign_in(self):
        self.request("GET", "/admin/login/")
        fields = {"username": self.username, "password": self.password, "next": "/admin/",
                  "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}  # fmt: skip
        status, _, _ = self.request("POST", "/admin/login/?next=/admin/", fields)
        if status != 302:
            raise RuntimeError(f"admin sign-in failed ({status})")

    def write_and_publish(self, n):
        fields = self.form("/admin/articles/article/add/", "article_form")
        slug = f"soak-{n}-{secrets.token_hex(3)}"
        fields |= {"headline": f"Soak piece {n}", "slug": slug, "kind": "analysis",
                   "standfirst": "Written during the soak.", "body": f"<p>Paragraph {n}.</p>",
                   "bylines-0-author": "1", "bylines-0-role": "author"}  # fmt: skip
        status, location, _ = self.request("POST", "/admin/articles/article/add/", fields)
        if status != 302:
            return self.failures.append(f"add {status}")
        match = re.search(r"/article/(\d+)/change/", location)
        if not match:
            status, location, html = self.request("GET", location)
            match = re.search(r"/admin/articles/article/(\d+)/change/", html)
        change = f"/admin/articles/article/{match.group(1)}/change/"
        for step in ("submit", "approve", "publish"):  # the workflow, as one person with every role
            fields = self.form(change, "article_form") | {"workflow-action": step}
            status, _, _ = self.request("POST", change, fields)
            if status != 302:
                return self.failures.append(f"{step} {status}")
        self.published += 1
        self.last_change = change

    def edit(self, n):
        change = getattr(self, "last_change", None)
        if not change:
            return
        fields = self.form(change, "article_form") | {
            "standfirst": f"Edited during the soak ({n})."
        }
        status, _, _ = self.request("POST", change, fields)
        if status == 302:
            self.edited += 1
        else:
            self.failures.append(f"edit {status}")

    def run(self):
        try:
            self.sign_in()
            n = 0
            while not self.stop.is_set():
                n += 1
                self.write_and_publish(n)
                self.edit(n)
                self.stop.wait(1.0)
        except Exception as error:  # reported, and fails the soak
            self.failures.append(repr(error))


def worker_memory(master_pid):
    """Resident memory (MiB) of each gunicorn worker, from /proc."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = {}
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes[int(pid)] = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
    return sizes


def redis_url():
    try:
        import redis

        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
        return "redis://127.0.0.1:6379/3"
    except Exception:
        return ""


def prepare(env, articles, username, password):
    def manage(*args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("load_seed", "-v0")
    manage("generate_corpus", "--force", "--articles", str(articles), "--authors", "50",
           "--dossiers", "10", "--tags", "100", "-v0")  # fmt: skip
    script = (
        "from django.contrib.auth import get_user_model\n"
        "U = get_user_model()\n"
        f"u, _ = U.objects.get_or_create(username={username!r}, defaults={{'is_staff': True, "
        "'is_superuser': True})\n"
        f"u.set_password({password!r}); u.save()\n"
    )
    manage("shell", "-c", script)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/outlet_soak")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    username, password = "soak-editor", secrets.token_urlsafe(16)
    static_root = tempfile.mkdtemp(prefix="outlet-soak-static-")
    create_database(args.database_url, fresh=True)
    env = environment(args.database_url, 600, static_root, redis_url())
    env |= {"STAFF_TWO_FACTOR": "0", "AXES_ENABLED": "1"}
    prepare(env, args.articles, username, password)
    lua = Path(tempfile.mkstemp(suffix=".lua")[1])
    lua.write_text(LUA % ", ".join(f'"{p}"' for p in PATHS))
    with Gunicorn(env, SERVER, "/healthz", timeout=120) as server:
        time.sleep(1)
        memory_start = worker_memory(server.process.pid)
        stop = threading.Event()
        editor = Editor(username, password, stop)
        editor.start()
        out = subprocess.run(
            ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "30s",
             "--latency", "-s", str(lua), f"http://{HOST}:{PORT}/"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        stop.set()
        editor.join(timeout=60)
        memory_end = worker_memory(server.process.pid)
    live = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", "from articles.models import Article; "
         "print(Article.objects.live().filter(slug__startswith='soak-').count())"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.split()[-1]  # fmt: skip
    served, errors5xx = map(int, re.search(r"SOAK served=(\d+) 5xx=(\d+)", out).groups())
    socket_errors = re.search(r"Socket errors: (.*)", out)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    print(f"Soak: {args.duration}s at {args.connections} connections, gunicorn 2 sync workers, "
          f"PostgreSQL{', Redis cache' if env.get('REDIS_URL') else ''}")  # fmt: skip
    print(f"  requests served      {served} ({rps:.0f}/s, p50 {latency.get('50')}, "
          f"p99 {latency.get('99')})")  # fmt: skip
    print(f"  5xx answers          {errors5xx}")
    print(f"  transport errors     {socket_errors.group(1) if socket_errors else 'none'}")
    print(f"  editor: published {editor.published}, edited {editor.edited}, "
          f"failures {editor.failures or 'none'}; live on the site: {live}")  # fmt: skip
    for pid in sorted(memory_start):
        end = memory_end.get(pid)
        at_end = f"{end:.1f} MiB at end" if end else "replaced during the run"
        print(f"  worker {pid}: {memory_start[pid]:.1f} MiB at start, {at_end}")
    failed = errors5xx or socket_errors or editor.failures or int(live) != editor.published
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
