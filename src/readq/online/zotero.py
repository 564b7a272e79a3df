"""Zotero on this machine: read the library through Zotero 7's local API, send papers through its connector.

- Reading (``readq import zotero:``): ``GET {base}/api/users/0/items?format=csljson`` (read-only; Zotero
  7 with "Allow other applications on this computer to communicate with Zotero" on), page by page
  (``limit``/``start``, ``Total-Results``); the CSL-JSON pages are joined into one array that
  :mod:`readq.parsing.csl` reads like any other CSL-JSON file.
- Sending (``readq export --to zotero``): ``POST {base}/connector/saveItems`` with Zotero items, as the
  browser connector does; Zotero saves them into the collection selected in its window.

``READQ_ZOTERO_URL`` says where Zotero listens (default ``http://localhost:23119``). When nothing answers
there, the error says Zotero is not running, not just "connection refused".
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from readq.online.http import Http, OnlineError, host_of

ENV_ZOTERO_URL = "READQ_ZOTERO_URL"
DEFAULT_ZOTERO_URL = "http://localhost:23119"
PAGE = 100
MAX_PAGES = 10_000  # a million items: a safety stop against a server that never ends
NOT_RUNNING = (
    "Zotero is not running at {url} (start Zotero 7; for reading, turn on Settings > Advanced > "
    '"Allow other applications on this computer to communicate with Zotero"; {env} sets another address)'
)


def zotero_url(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return (env.get(ENV_ZOTERO_URL) or "").strip().rstrip("/") or DEFAULT_ZOTERO_URL


def _not_running(base: str) -> OnlineError:
    return OnlineError(host_of(base), NOT_RUNNING.format(url=base, env=ENV_ZOTERO_URL))


def read_library(http: Http, base: str) -> bytes:
    """Every item of the local Zotero library as one CSL-JSON array (UTF-8)."""
    url = f"{base}/api/users/0/items"
    items: list[Any] = []
    for page in range(MAX_PAGES):
        params = {"format": "csljson", "limit": str(PAGE), "start": str(page * PAGE)}
        try:
            response = http.get(url, params)
        except OnlineError as error:
            if error.status is None and "refused" in str(error):
                raise _not_running(base) from None
            if error.status in (403, 404):
                raise OnlineError(
                    host_of(base),
                    f"Zotero at {base} answered HTTP {error.status}: its local API is off (Zotero 7: "
                    'Settings > Advanced > "Allow other applications on this computer to communicate with '
                    'Zotero")',
                    error.status,
                ) from None
            raise
        try:
            data = json.loads(response.content)
        except ValueError:
            raise OnlineError(host_of(base), f"Zotero at {base} did not answer with CSL-JSON") from None
        batch = data.get("items", []) if isinstance(data, dict) else data
        if not isinstance(batch, list):
            raise OnlineError(host_of(base), f"Zotero at {base} did not answer with a list of items")
        items.extend(batch)
        total = response.headers.get("Total-Results")
        if len(batch) < PAGE or (total is not None and total.isdigit() and len(items) >= int(total)):
            break
    return json.dumps(items, ensure_ascii=False).encode("utf-8")


def zotero_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item (readq's export) as the connector's Zotero item: a preprint or a journal article,
    the citation key kept in ``extra`` (``Citation Key: …``, which Better BibTeX honours)."""
    journal = item.get("type") == "article-journal"
    creators = []
    for author in item.get("author", []):
        if "literal" in author:
            creators.append({"name": author["literal"], "creatorType": "author"})
        else:
            creators.append(
                {
                    "lastName": author.get("family", ""),
                    "firstName": author.get("given", ""),
                    "creatorType": "author",
                }
            )
    out: dict[str, Any] = {
        "itemType": "journalArticle" if journal else "preprint",
        "title": item.get("title", ""),
        "creators": creators,
    }
    year = (item.get("issued") or {}).get("date-parts", [[None]])[0][0]
    if year:
        out["date"] = str(year)
    if journal and item.get("container-title"):
        out["publicationTitle"] = item["container-title"]
    extra = [f"Citation Key: {item['id']}"]
    number = item.get("number") or item.get("archive_location") or ""
    if number.startswith("arXiv:"):
        if journal:
            extra.append(f"arXiv: {number[6:]}")
        else:
            out["repository"], out["archiveID"] = "arXiv", number
    for source, target in (("DOI", "DOI"), ("URL", "url"), ("abstract", "abstractNote")):
        if item.get(source):
            out[target] = item[source]
    out["extra"] = "\n".join(extra)
    return out


def send_items(http: Http, base: str, items: Sequence[Mapping[str, Any]]) -> int:
    """Save CSL-JSON ``items`` into the running Zotero through its connector; returns how many were sent."""
    payload = {
        "sessionID": secrets.token_hex(8),
        "uri": "readq",  # where the items come from (the connector shows it); no web page behind it
        "items": [{"id": str(i), **zotero_item(item)} for i, item in enumerate(items, 1)],
    }
    url = f"{base}/connector/saveItems"
    try:
        response = http.client.post(
            url, json=payload, headers={"X-Zotero-Connector-API-Version": "3"}, timeout=60.0
        )
    except httpx.ConnectError:
        raise _not_running(base) from None
    except httpx.HTTPError as error:
        raise OnlineError(host_of(base), f"the connection to Zotero at {base} broke ({error})") from None
    if response.status_code not in (200, 201):
        raise OnlineError(
            host_of(base),
            f"Zotero at {base} refused the papers (HTTP {response.status_code}"
            f"{': ' + response.text.strip()[:200] if response.text.strip() else ''})",
            response.status_code,
        )
    return len(items)
