// Threads: the documents and stories of one affair (a plan, the meeting, the follow-up; the shooting and
// the trial), linked by their words, names, time, copies and shared stories. The Threads tab lists them
// (first seen first, with the shared filters: a thread is listed when one of its documents has an event
// in the filters); the thread view in the panel shows one: its happenings in date order, each opening its
// story view, and its documents, each opening the document. A near-duplicate copy is marked and not
// counted as a source.

import { get } from "./api.js";
import { clear, clickable, h, loading, plural, put } from "./dom.js";
import { codes, fail, header, open, place, ready, views } from "./panel.js";

const stories = (n) => plural(n, "story", "stories");

/** "12 documents · 9 articles · 5 sources · 3 stories" */
export function counts(t) {
  return [plural(t.num_documents ?? 0, "document"), plural(t.num_articles ?? 0, "article"),
    plural(t.num_sources ?? 0, "source"), stories(t.num_stories ?? 0)].join(" · ");
}

function span(t) {
  if (!t.first_seen) return "undated";
  return t.last_seen && t.last_seen !== t.first_seen ? `${t.first_seen} to ${t.last_seen}` : t.first_seen;
}

function storyItem(s, here) {
  const sources = `${plural(s.num_sources ?? 0, "source")}, ${plural(s.num_articles ?? 0, "article")}`;
  return clickable(h("li", { class: "thread-story", dataset: { storyId: s.id } },
    header(s),
    h("div", {}, codes(s), " ", place(s.location)),
    h("div", { class: "muted" }, sources, (s.outlets || []).length ? " — " + s.outlets.join(", ") : "",
      " ", h("span", { class: "open-story" }, "story view →"))),
  () => views.story(s.id, { back: here }), "open the story view of this happening");
}

function documentItem(d, here) {
  return clickable(h("li", { class: "thread-document", dataset: { docId: d.doc_id } },
    h("span", { class: "published" }, d.published || "undated"), " ",
    h("span", { class: "outlet" }, d.outlet || "unknown outlet"), " · ",
    h("span", { class: "doc-title" }, d.title || d.doc_id),
    d.copy_of ? h("span", { class: "badge precision" }, "copy, not counted") : null),
  () => views.document(d.doc_id, { back: here }), "open this document");
}

/** Shows one thread (by id) in the panel; opts.back: {label, open} to return to where it was opened. */
export async function openThread(threadId, opts = {}) {
  const body = open("Thread", opts.back || null, { wide: true, bodyClass: "thread-view" });
  body.dataset.threadId = threadId;
  loading(body);
  let thread;
  try { thread = await get("threads/" + encodeURIComponent(threadId)); } catch (err) { return fail(body, err); }
  const here = { label: "← thread", open: () => openThread(threadId, opts) };
  const items = thread.story_items || [];
  const docs = thread.documents || [];
  put(body,
    h("h3", { class: "thread-title" }, thread.title || "untitled"),
    h("dl", { class: "story-facts" },
      h("dt", {}, "Seen"), h("dd", { dataset: { fact: "seen" } }, span(thread)),
      h("dt", {}, "Outlets"), h("dd", { dataset: { fact: "outlets" } }, (thread.outlets || []).join(", ") || "unknown outlets"),
      h("dt", {}, "Size"), h("dd", { dataset: { fact: "size" } }, counts(thread))),
    h("h3", {}, `Happenings (${items.length})`),
    items.length ? h("ol", { class: "thread-stories" }, items.map((s) => storyItem(s, here)))
      : h("p", { class: "muted" }, "No coded event: the documents are linked by their words, names and dates."),
    h("h3", {}, `Documents (${docs.length})`),
    h("ol", { class: "thread-documents" }, docs.map((d) => documentItem(d, here))),
    h("p", { class: "muted" }, "A thread joins the reports of one affair: similar words and names close in time, copies, and shared stories."));
  ready();
  body.parentElement.scrollTop = 0;
}

views.thread = openThread;

// -- the Threads tab ---------------------------------------------------------------------------------

const state = { offset: 0, filters: "" };
const PAGE = 50;

function threadRow(t) {
  return clickable(h("li", { class: "thread", dataset: { threadId: t.id } },
    h("div", { class: "thread-title" }, t.title || "untitled"),
    h("div", { class: "muted" }, span(t), " · ", counts(t), (t.outlets || []).length ? " — " + t.outlets.join(", ") : "")),
  () => openThread(t.id, {}), `open the thread: ${t.title || "untitled"}`);
}

export async function render(view, ctx) {
  loading(view);
  const f = ctx.filters();
  const key = JSON.stringify(f);
  if (key !== state.filters) { state.filters = key; state.offset = 0; }
  const res = await get("threads", { since: f.since, until: f.until, status: f.status, type: f.type,
    basis: f.since || f.until ? "reported" : "", limit: PAGE, offset: state.offset });
  const pager = h("div", { class: "controls" });
  if (state.offset > 0) {
    pager.append(clickable(h("span", { class: "open-story" }, "← earlier"), () => { state.offset = Math.max(0, state.offset - PAGE); render(view, ctx); }, "previous page"));
  }
  if (state.offset + res.items.length < res.total) {
    pager.append(" ", clickable(h("span", { class: "open-story" }, "later →"), () => { state.offset += PAGE; render(view, ctx); }, "next page"));
  }
  clear(view).append(
    h("h2", {}, "Threads: the reports of one affair"),
    h("p", { class: "muted" }, `${plural(res.total, "thread")}${res.total > res.items.length ? `, ${state.offset + 1}–${state.offset + res.items.length} shown` : ""}, first seen first. Click one for its happenings and documents.`),
    res.items.length ? h("ol", { class: "threads" }, res.items.map(threadRow)) : h("p", { class: "muted" }, "No threads with these filters."),
    pager);
  view.dataset.state = "ready";
}
