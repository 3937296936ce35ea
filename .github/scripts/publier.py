"""Posts what the workflows wrote, with the GitHub API and the standard library only (nothing to install).

    python3 .github/scripts/publier.py commentaire   # the report of a « Vérification » run, on its pull request
    python3 .github/scripts/publier.py relecture FICHIER   # the body of the one issue « Fiches à relire »

`commentaire` runs in the `workflow_run` workflow, with a token that may write, on what a pull request's run
uploaded: possibly a stranger's. So the artifact is data, never code: its size is checked before it is
downloaded, two named files are read from it within a size limit, the pull request number must be a number and
that pull request's head must be the commit the run checked; the text is posted as a comment's body, with its
mentions neutralised and our own marker and footer. Nothing from it reaches a shell or a command line.

Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL (https://api.github.com by default); for
`commentaire`, RUN_ID, HEAD_SHA and RUN_URL from the `workflow_run` event.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from typing import Any

MARKER = "<!-- maillage:rapport -->"
ISSUE_TITLE = "Fiches à relire"
ARTIFACT = "rapport"
ARTIFACT_LIMIT = 512 * 1024  # bytes of the zipped artifact; the report itself is under 64 KB
FILE_LIMIT = 256 * 1024  # bytes of one file read from it
BODY_LIMIT = 60_000  # characters: GitHub refuses a comment over 65,536
BOT = "github-actions[bot]"
PAGES = 30  # pages of 100 comments looked through for the previous report


class Refused(Exception):
    """Something is not as it must be: nothing is posted, and the message says why."""


class Nothing(Exception):
    """Nothing to post, and nothing wrong: no report (the run stopped before it) or a pull request pushed to
    again since (its own run will post)."""


class Api:
    def __init__(self, token: str, repository: str, base: str) -> None:
        self.token, self.repository, self.base = token, repository, base.rstrip("/")

    def _open(self, url: str, method: str = "GET", payload: Any = None, auth: bool = True) -> tuple[bytes, str]:
        """The answer's body (at most ARTIFACT_LIMIT + 1 bytes), or where it redirects to."""
        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
                   "User-Agent": "maillage-publier"}
        if auth:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if payload is not None:
            data, headers["Content-Type"] = json.dumps(payload).encode(), "application/json"
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.read(ARTIFACT_LIMIT + 1), ""
        except urllib.error.HTTPError as answer:
            if answer.code in (301, 302, 303, 307, 308):
                return b"", answer.headers.get("Location", "")
            raise Refused(f"{method} {url} : erreur {answer.code}") from None

    def call(self, path: str, method: str = "GET", payload: Any = None) -> Any:
        body, _ = self._open(f"{self.base}/repos/{self.repository}/{path}", method, payload)
        return json.loads(body) if body else None

    def download(self, path: str) -> bytes:
        """An artifact's zip: the API answers with a redirection to storage, which gets no token."""
        body, location = self._open(f"{self.base}/repos/{self.repository}/{path}")
        if location:
            body, _ = self._open(location, auth=False)
        if len(body) > ARTIFACT_LIMIT:
            raise Refused("l'archive du rapport est trop grande")
        return body


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # handled by Api.download, without the token


def neutralised(text: str) -> str:
    """No mention nor issue reference can notify anyone; no marker but ours."""
    text = text.replace(MARKER, "")
    return re.sub(r"([@#])(?=\w)", "\\1\u2060", text)


def read_report(archive: bytes) -> tuple[int, str]:
    """The pull request number and the comment, from the artifact's zip, within the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as found:
            number = _member(found, "numero.txt").strip()
            comment = _member(found, "commentaire.md")
    except zipfile.BadZipFile:
        raise Refused("l'archive du rapport n'est pas un zip valide") from None
    if not re.fullmatch(r"[0-9]{1,7}", number):
        raise Refused("numéro de demande invalide")
    return int(number), comment


def _member(archive: zipfile.ZipFile, name: str) -> str:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise Refused(f"{name} manque dans l'archive du rapport") from None
    if info.file_size > FILE_LIMIT:
        raise Refused(f"{name} est trop grand")
    with archive.open(info) as member:
        content = member.read(FILE_LIMIT + 1)  # the declared size may lie
    if len(content) > FILE_LIMIT:
        raise Refused(f"{name} est trop grand")
    return content.decode("utf-8", "replace")


def comment_body(comment: str, run_url: str) -> str:
    text = neutralised(comment).strip()
    if len(text) > BODY_LIMIT:
        text = text[: text.rfind("\n", 0, BODY_LIMIT)] + "\n\n… (rapport raccourci)"
    footer = f"Rapport de la [vérification]({run_url}), mis à jour à chaque envoi." if run_url.startswith(
        "https://") else "Rapport de la vérification, mis à jour à chaque envoi."
    return f"{MARKER}\n{text}\n\n---\n{footer}\n"


def post_comment(api: Api, run_id: str, head_sha: str, run_url: str) -> str:
    if not re.fullmatch(r"[0-9]+", run_id) or not re.fullmatch(r"[0-9a-f]{40}", head_sha):
        raise Refused("identifiants de la vérification invalides")
    artifacts = api.call(f"actions/runs/{run_id}/artifacts?name={ARTIFACT}").get("artifacts", [])
    found = [a for a in artifacts if a.get("name") == ARTIFACT and not a.get("expired")]
    if not found:
        raise Nothing("pas de rapport joint à cette vérification")
    if int(found[0].get("size_in_bytes", ARTIFACT_LIMIT + 1)) > ARTIFACT_LIMIT:
        raise Refused("l'archive du rapport est trop grande")
    number, comment = read_report(api.download(f"actions/artifacts/{int(found[0]['id'])}/zip"))
    pull = api.call(f"pulls/{number}")
    if pull.get("head", {}).get("sha") != head_sha:
        raise Nothing(f"la demande n° {number} n'en est plus au commit que la vérification a lu")
    body = comment_body(comment, run_url)
    previous = _previous_comment(api, number)
    if previous is None:
        api.call(f"issues/{number}/comments", "POST", {"body": body})
        return f"commentaire ajouté à la demande n° {number}"
    api.call(f"issues/comments/{previous}", "PATCH", {"body": body})
    return f"commentaire de la demande n° {number} mis à jour"


def _previous_comment(api: Api, number: int) -> int | None:
    for page in range(1, PAGES + 1):
        comments = api.call(f"issues/{number}/comments?per_page=100&page={page}")
        for comment in comments:
            if comment.get("user", {}).get("login") == BOT and comment.get("body", "").startswith(MARKER):
                return int(comment["id"])
        if len(comments) < 100:
            return None
    return None


def post_issue(api: Api, body: str) -> str:
    creator = urllib.parse.quote(BOT)
    for page in range(1, PAGES + 1):
        issues = api.call(f"issues?state=open&creator={creator}&per_page=100&page={page}")
        for issue in issues:
            if issue.get("title") == ISSUE_TITLE and "pull_request" not in issue:
                api.call(f"issues/{int(issue['number'])}", "PATCH", {"body": body})
                return f"ticket n° {issue['number']} mis à jour"
        if len(issues) < 100:
            break
    created = api.call("issues", "POST", {"title": ISSUE_TITLE, "body": body})
    return f"ticket n° {created['number']} ouvert"


def main(argv: list[str]) -> int:
    env = os.environ
    api = Api(env.get("GITHUB_TOKEN", ""), env.get("GITHUB_REPOSITORY", ""),
              env.get("GITHUB_API_URL", "https://api.github.com"))
    try:
        if argv[:1] == ["commentaire"]:
            print(post_comment(api, env.get("RUN_ID", ""), env.get("HEAD_SHA", ""), env.get("RUN_URL", "")))
        elif len(argv) == 2 and argv[0] == "relecture":
            with open(argv[1], encoding="utf-8") as report:
                print(post_issue(api, report.read()[:BODY_LIMIT]))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except Nothing as reason:
        print(f"Rien à publier : {reason}.")
    except Refused as problem:
        print(f"Rien n'est publié : {problem}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
