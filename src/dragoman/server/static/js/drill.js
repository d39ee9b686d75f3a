// Drill-down: from a bar, point or edge to the stories behind it; from a story to its story view
// (story.js); from a story's mention to its document with the evidence sentence highlighted.
// Document text is split into text nodes around the highlight; it is never parsed as HTML.

import { get } from "./api.js";
import { clear, clickable, h, loading, plural, put } from "./dom.js";
import { codes, fail, header, open, place, ready, views } from "./panel.js";

let lastDrill = null;

const backToStories = () => (lastDrill ? { label: "← stories", open: () => drill(lastDrill.title, lastDrill.params) } : null);

function mentionRow(m) {
  const row = h("li", { class: "mention" },
    h("span", { class: "evidence" }, m.evidence || ""),
    h("span", { class: "muted source" }, [m.outlet, m.published].filter(Boolean).join(" · ") || m.doc_id));
  return clickable(row, () => openDocument(m.doc_id, { eventId: m.event_id, evidence: m.evidence, back: true }),
    "open the document at this sentence");
}

function storyCard(story) {
  const counts = `${plural(story.num_articles ?? 1, "article")}, ${plural(story.num_sources ?? 0, "source")}`;
  const more = clickable(h("span", { class: "open-story" }, "Story view →"),
    () => views.story(story.id, { back: backToStories() }), "open the story view: every source side by side");
  return h("li", { class: "story", dataset: { storyId: story.id } },
    header(story),
    h("div", {}, codes(story), " ", place(story.location)),
    h("div", { class: "muted" }, counts, (story.outlets || []).length ? " — " + story.outlets.join(", ") : "", " ", more),
    h("ul", { class: "mentions" }, (story.mentions || []).map(mentionRow)));
}

/** Shows the stories in scope (params: API filters) under a title. */
export async function drill(title, params) {
  lastDrill = { title, params };
  const body = open(title, null);
  loading(body);
  let res;
  try { res = await get("stories", { ...params, limit: 200 }); } catch (err) { return fail(body, err); }
  const { items, total } = res;
  put(body,
    h("p", { class: "muted" }, `${plural(total, "story", "stories")}${total > items.length ? ` (first ${items.length} shown)` : ""}. Click a sentence to read it in its document, or “Story view” to see every source side by side.`),
    h("ul", { class: "stories" }, items.map(storyCard)));
  ready();
  body.parentElement.scrollTop = 0;
}

function findSpan(doc, opts) {
  if (opts.start !== undefined && opts.end !== undefined) return [opts.start, opts.end];
  const ev = (doc.events || []).find((e) => e.id === opts.eventId);
  if (ev) return [ev.start, ev.end];
  const at = opts.evidence ? doc.text.indexOf(opts.evidence) : -1;
  return at >= 0 ? [at, at + opts.evidence.length] : null;
}

function renderText(container, text, span) {
  clear(container);
  if (!span) { container.append(text); return null; }
  const [start, end] = span;
  const mark = h("mark", { id: "evidence" }, text.slice(start, end));
  container.append(text.slice(0, start), mark, text.slice(end));
  return mark;
}

/**
 * Shows a stored document with one span (an event's evidence or a quote) highlighted.
 * opts: start/end, or eventId/evidence; back: true (to the last stories) or {label, open}.
 */
export async function openDocument(docId, opts = {}) {
  const back = opts.back === true ? backToStories() : opts.back || null;
  const body = open("Document", back, { bodyClass: "document" });
  loading(body);
  let doc;
  let storyOf = new Map();
  try {
    const [record, stories] = await Promise.all([
      get("documents/" + encodeURIComponent(docId)),
      get("documents/" + encodeURIComponent(docId) + "/stories").catch(() => ({ items: [] }))]);
    doc = record;
    storyOf = new Map(stories.items.map((x) => [x.event_id, x.story_id]));
  } catch (err) { return fail(body, err); }
  const textBox = h("div", { class: "doc-text", id: "doc-text" });
  const show = (span) => {
    const mark = renderText(textBox, doc.text, span);
    if (mark) mark.scrollIntoView({ block: "center" });
  };
  const here = { label: "← document", open: () => openDocument(docId, { ...opts, back }) };
  const storyLink = (ev) => (storyOf.has(ev.id)
    ? clickable(h("span", { class: "open-story" }, "story →"), (e) => { e.stopPropagation(); views.story(storyOf.get(ev.id), { back: here }); },
      "open the story of this event")
    : null);
  const meta = [doc.outlet, doc.published, "doc " + doc.doc_id].filter(Boolean).join(" · ");
  const evList = h("ol", { class: "doc-events" }, (doc.events || []).map((ev) => clickable(
    h("li", { dataset: { eventId: ev.id } }, header(ev), h("div", {}, codes(ev), " ", place(ev.location)),
      h("div", { class: "muted" }, `sentence ${ev.sentence}: “${ev.trigger || ""}” `, storyLink(ev))),
    () => show([ev.start, ev.end]), "highlight this event's sentence")));
  const qList = h("ol", { class: "doc-quotes" }, (doc.quotes || []).map((q) => clickable(
    h("li", {}, h("q", {}, q.text), " — ", (q.speaker && (q.speaker.name || q.speaker.text)) || "unknown speaker"),
    () => show([q.start, q.end]), "highlight this quote")));
  put(body,
    h("h3", { class: "doc-title" }, doc.title || doc.id),
    h("p", { class: "muted" }, meta),
    doc.url ? h("p", { class: "muted url" }, doc.url) : null,
    textBox,
    h("h4", {}, `Events (${(doc.events || []).length})`), evList,
    h("h4", {}, `Quotes (${(doc.quotes || []).length})`), qList);
  show(findSpan(doc, opts));
  ready();
}

views.drill = drill;
views.document = openDocument;
