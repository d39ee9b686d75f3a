// The dashboard shell: tabs (#dyad, #map, #network, #rank, #quotes, #threads), the shared filters, the
// drill-down panel, and deep links to a document (#doc/<doc_id>/<start>-<end>, as `dragoman
// brief` writes them), to a story (#story/<story_id>) and to a thread (#thread/<thread_id>).

import { get } from "./api.js";
import { drill, openDocument } from "./drill.js";
import { h } from "./dom.js";
import * as dyad from "./dyad.js";
import * as map from "./map.js";
import * as network from "./network.js";
import * as quotes from "./quotes.js";
import * as rank from "./rank.js";
import { openStory } from "./story.js";
import * as threads from "./thread.js";

const VIEWS = { dyad, map, network, rank, quotes, threads };
const form = document.getElementById("filters");
const errorBox = document.getElementById("error");
let current = null;

function filters() {
  const data = new FormData(form);
  return { since: data.get("since") || "", until: data.get("until") || "", status: data.get("status") || "", type: data.get("type") || "" };
}

const ctx = { filters, drill, openDocument, openStory, meta: null };

async function show(name) {
  current = VIEWS[name] ? name : "dyad";
  for (const link of document.querySelectorAll("#tabs a")) link.classList.toggle("active", link.dataset.view === current);
  for (const key of Object.keys(VIEWS)) document.getElementById("view-" + key).hidden = key !== current;
  const view = document.getElementById("view-" + current);
  view.dataset.state = "loading";
  errorBox.hidden = true;
  try {
    await VIEWS[current].render(view, ctx);
  } catch (err) {
    errorBox.textContent = "Could not load this view: " + (err.message || err);
    errorBox.hidden = false;
    view.dataset.state = "error";
  }
}

function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  const doc = /^doc\/([^/]+)(?:\/(\d+)-(\d+))?$/.exec(hash);
  if (doc) {
    if (!current) show("dyad");
    openDocument(doc[1], doc[2] ? { start: Number(doc[2]), end: Number(doc[3]) } : {});
    return;
  }
  const story = /^story\/([^/]+)$/.exec(hash);
  if (story) {
    if (!current) show("dyad");
    openStory(story[1]);
    return;
  }
  const thread = /^thread\/([^/]+)$/.exec(hash);
  if (thread) {
    if (!current) show("dyad");
    threads.openThread(thread[1]);
    return;
  }
  show(hash);
}

async function init() {
  try {
    const meta = await get("meta");
    ctx.meta = meta;
    document.getElementById("summary").textContent =
      `${meta.db}: ${meta.documents} documents, ${meta.stories} stories, ${meta.threads ?? 0} threads, ${meta.events} events, ${meta.quotes} quotes` +
      (meta.first ? `, ${meta.first} to ${meta.last}` : "");
    form.elements.status.append(...meta.statuses.map((x) => h("option", { value: x }, x)));
    form.elements.type.append(...meta.plover_types.map((x) => h("option", { value: x }, x)));
  } catch (err) {
    errorBox.textContent = "Could not reach the dragoman API: " + (err.message || err);
    errorBox.hidden = false;
  }
  form.addEventListener("submit", (ev) => { ev.preventDefault(); show(current); });
  window.addEventListener("hashchange", route);
  route();
}

init();
