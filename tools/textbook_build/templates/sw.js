{#- The site's one service worker (written by site_root.py at the site's root, so that
    it serves the landing page and every edition). Data (`offline`): each edition's offline.json
    (tools/textbook/html/offline.py). -#}
/* Offline reading of the book (tools/textbook_build/templates/sw.js). */
"use strict";
const EDITIONS = {{ offline | tojson }};
const ROOT = new URL("./", self.location).href;
const CACHE = "textbook";  // kept across builds: a page opened online renews its copy
const STATE = "textbook-state";  // what the worker has kept and told
const STALL = 3000;  // ms the network has before a kept copy is shown
const KEEP = /(\.(html|js|css|svg|json|webmanifest|png|ico)|\/)$/;  // never the downloads

// the cache key of an address: no query (?v=…), a folder is its index.html
function key(address) {
  const u = new URL(address, ROOT);
  u.search = u.hash = "";
  if (u.pathname.endsWith("/")) u.pathname += "index.html";
  return u.href;
}

// the edition an address belongs to, and the same page in every edition
function edition(address) {
  const code = key(address).slice(ROOT.length).split("/")[0];
  return code in EDITIONS ? code : null;
}
function twins(address) {
  const code = edition(address), rest = key(address).slice(ROOT.length + (code || "").length);
  return code ? Object.keys(EDITIONS).map((c) => ROOT + c + rest) : [];
}

// addresses this worker has kept from the network (this build's): not fetched twice
const renewed = new Set();
function put(cache, address, response) {
  return cache.put(address, response).then(() => renewed.add(address));
}

// fetch and keep each address; one that fails leaves the others kept (true: all kept)
function store(cache, addresses) {
  return Promise.all(addresses.filter((a) => !renewed.has(key(a))).map((a) =>
    fetch(a, {cache: "no-cache"}).then((r) => r.ok && put(cache, key(a), r), () => false)))
    .then((kept) => !kept.includes(false));
}

self.addEventListener("install", (event) => {
  // what one visit keeps: the landing page, each edition's front page and what a page
  // needs (stylesheet, icon, scripts), the visited page and its twins
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const wanted = new Set([key(ROOT)]);
    for (const [code, ed] of Object.entries(EDITIONS)) {
      [...ed.core, "index.html"].forEach((f) => wanted.add(ROOT + code + "/" + f));
    }
    const open = await self.clients.matchAll({type: "window", includeUncontrolled: true});
    open.forEach((c) => twins(c.url).forEach((t) => wanted.add(t)));
    await store(cache, [...wanted]);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names  // the per-edition caches of earlier builds
      .filter((n) => n.startsWith("textbook-") && n !== STATE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

// {keep: "<edition>"} (a page idle on a fast connection) or {keep: "*"} (the reader
// asked): every file of that edition or of all, fetched again after a new build
self.addEventListener("message", (event) => {
  const wanted = event.data && event.data.keep;
  const codes = wanted === "*" ? Object.keys(EDITIONS) : wanted in EDITIONS ? [wanted] : [];
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE), state = await caches.open(STATE);
    let all = true;
    for (const code of codes) {
      const done = ROOT + "kept/" + code + "/" + EDITIONS[code].version;
      if (await state.match(done)) continue;
      if (await store(cache, EDITIONS[code].files.map((f) => ROOT + code + "/" + f))) {
        await state.put(done, new Response(""));
      } else all = false;
    }
    if (wanted === "*" && all && event.source) event.source.postMessage("kept");
  })());
});

// a kept page from an older build, shown offline: once, the reader is told
async function told(copy, address) {
  const code = edition(address);
  if (!code) return copy;
  const html = await copy.clone().text();
  const [, stamp, line] = /<p class="edition-line" data-build="(\d+)">([^<]*)<\/p>/.exec(html) || [];
  if (!stamp || Number(stamp) >= EDITIONS[code].stamp) return copy;
  const state = await caches.open(STATE), flag = ROOT + "told/" + EDITIONS[code].stamp;
  if (await state.match(flag)) return copy;
  await state.put(flag, new Response(""));
  const note = '<p class="stale-note" role="status">'
    + EDITIONS[code].stale.replace("{edition}", () => line) + "</p>";
  return new Response(html.replace(/<main id="content" role="main">/, (m) => m + note),
                      {status: copy.status, headers: copy.headers});
}

// the network first (never a stale page online); a kept copy when the network fails,
// answers with an error status or stalls for STALL ms
// and, for the next 10 s after the network failed or stalled, the kept copy at once (so
// that a page shown from the cache gets its stylesheet without waiting again)
let badUntil = 0;
async function answer(request, address, network) {
  const copy = await (await caches.open(CACHE)).match(address);
  if (!copy) return network;
  let response = null;
  if (Date.now() >= badUntil) {
    const stalled = new Promise((resolve) => setTimeout(resolve, STALL, null));
    response = await Promise.race([network.catch(() => null), stalled]);
    if (response && response.ok) return response;
    if (!response) badUntil = Date.now() + 10000;
  }
  return request.mode === "navigate" ? told(copy, address) : copy;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  const address = key(request.url);
  const fresh = request.mode === "navigate" || address.endsWith("/searchindex.js");
  const network = fresh ? fetch(request.url, {cache: "no-cache"}) : fetch(request);
  // a good answer renews the kept copy; an error status never replaces it
  event.waitUntil(network.then((r) => {
    const copy = r.clone();
    if (r.ok) badUntil = 0;
    return r.ok && !r.redirected && KEEP.test(new URL(address).pathname)
      ? caches.open(CACHE).then((c) => put(c, address, copy)) : null;
  }, () => null));
  event.respondWith(answer(request, address, network));
});
