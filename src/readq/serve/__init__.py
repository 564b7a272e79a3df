"""``readq serve``: the app in a web browser through textual-serve, behind an access token.

``access`` decides who may connect (where it listens, the token, origins); ``tabs`` runs one app process per
browser tab (each ends with the server, at most ``max_tabs`` at once); ``server`` puts them together.

textual-serve runs one app process per browser tab (``python -m readq.cli --data-dir DIR``, with
Textual's web driver) and relays its screen over a websocket. This module adds what makes that safe to leave
running:

* it listens on 127.0.0.1 unless told otherwise; a host that is not loopback needs ``--public``;
* every start makes a random token; the printed URL carries it, the page turns it into a cookie (and
  redirects to the bare URL, so the token leaves the address bar), and every request without a valid token
  or cookie — the page, its websocket, static files, downloads — gets 403. A websocket whose ``Origin`` is
  another site gets 403 even with the cookie;
* the page's own URLs are made from the address the browser used (an SSH tunnel on another port works),
  and it asks nothing of third-party servers (textual-serve's page links a web font from Google);
* each tab's app learns whether its page may write the browser's clipboard (``ENV_BROWSER_CLIPBOARD``);
* ctrl+c or SIGTERM asks every app process to quit, waits for it (killing one that hangs) and exits.

This module imports no Textual: the app runs in the child processes.
"""
