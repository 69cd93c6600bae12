// detente dashboard: draws a dyad's (or triad's) relations index from the JSON API, lists the events behind a
// clicked period and sends corrections. Plain JS, no build step. Evidence text is untrusted: every piece of data
// reaches the DOM through textContent or attribute setters, never through innerHTML.
(function () {
  "use strict";

  const TOKEN_KEY = "detente.token";
  const PAGE_SIZE = 50;
  const COLORS = { index: "#1f4e79", band: "rgba(31, 78, 121, 0.16)", low: "#b3261e", high: "#2e7d32",
    up: "#2e7d32", down: "#b3261e", legs: ["#1f4e79", "#c0650a", "#6a3d9a"], cohesion: "#222222",
    bars: "rgba(120, 120, 120, 0.25)", pick: "rgba(255, 193, 7, 0.25)" };

  const state = {
    a: "", b: "", c: "", freq: "month", direction: "both", from: "", to: "",
    period: null, pair: null, offset: 0, total: 0, mode: "dyad", countries: new Map(),
  };

  const $ = (id) => document.getElementById(id);

  // -- DOM helpers: text only ---------------------------------------------------------------------------------
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function setStatus(message, kind) {
    const box = $("status");
    box.textContent = message || "";
    box.className = "status" + (kind ? " " + kind : "");
  }

  // -- API ----------------------------------------------------------------------------------------------------
  function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
    }
    return search.toString();
  }

  async function explain(response) {
    let detail = response.status + " " + response.statusText;
    try {
      const body = await response.json();
      if (typeof body.detail === "string") detail = body.detail;
      else if (body.detail) detail = JSON.stringify(body.detail);
      else if (body.error) detail = typeof body.error === "string" ? body.error : JSON.stringify(body.error);
    } catch (err) { /* not JSON: keep the status line */ }
    return detail;
  }

  async function getJSON(path, params) {
    const response = await fetch("api/" + path + "?" + query(params || {}), { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(await explain(response));
    return response.json();
  }

  async function postJSON(path, body, token) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    const response = await fetch("api/" + path, { method: "POST", headers, body: JSON.stringify(body) });
    if (!response.ok) {
      const reason = await explain(response);
      if (response.status === 401 || response.status === 403) throw new Error("the token was refused: " + reason);
      throw new Error(reason);
    }
    return response.json().catch(() => ({}));
  }

  // -- periods ------------------------------------------------------------------------------------------------
  // Period labels as the API names them ("2019-07", "2019Q3", "2019", "2019-W27", "2019-07-04") to the dates
  // that bound the period, for plotly's date axis: [start, next start).
  function periodBounds(label) {
    const day = (y, m, d) => new Date(Date.UTC(y, m, d));
    let m = /^(\d{4})-(\d{2})$/.exec(label);
    if (m) return [day(+m[1], +m[2] - 1, 1), day(+m[1], +m[2], 1)];
    m = /^(\d{4})-?Q([1-4])$/.exec(label);
    if (m) return [day(+m[1], (+m[2] - 1) * 3, 1), day(+m[1], +m[2] * 3, 1)];
    m = /^(\d{4})$/.exec(label);
    if (m) return [day(+m[1], 0, 1), day(+m[1] + 1, 0, 1)];
    m = /^(\d{4})-W(\d{2})$/.exec(label);
    if (m) {
      const jan4 = day(+m[1], 0, 4);
      const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000);
      const first = new Date(monday.getTime() + (+m[2] - 1) * 7 * 86400000);
      return [first, new Date(first.getTime() + 7 * 86400000)];
    }
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
    if (m) return [day(+m[1], +m[2] - 1, +m[3]), day(+m[1], +m[2] - 1, +m[3] + 1)];
    return [null, null];
  }

  function isoDay(d) {
    return d ? d.toISOString().slice(0, 10) : null;
  }

  function isoTime(d) {
    return d ? d.toISOString().slice(0, 19).replace("T", " ") : null;
  }

  // Where a period's point sits on the time axis: the middle of the period.
  function periodMid(label) {
    const [first, next] = periodBounds(label);
    return first ? isoTime(new Date((first.getTime() + next.getTime()) / 2)) : label;
  }

  // The interval band as one filled trace: a step polygon per run of consecutive scored periods, each period's
  // interval held across its whole width (so a lone month still shows its band); runs split by nulls.
  function bandXY(points) {
    const x = [];
    const y = [];
    let run = [];
    const flush = () => {
      if (!run.length) return;
      const top = [];
      const bottom = [];
      for (const p of run) {
        const [first, next] = periodBounds(p.period);
        top.push([isoDay(first), p.ci_high], [isoDay(next), p.ci_high]);
        bottom.unshift([isoDay(next), p.ci_low], [isoDay(first), p.ci_low]);
      }
      for (const [px, py] of [...top, ...bottom, top[0]]) {
        x.push(px);
        y.push(py);
      }
      x.push(null);
      y.push(null);
      run = [];
    };
    for (const p of points) {
      if (p.ci_low === null || p.ci_high === null || p.ci_low === undefined) flush();
      else run.push(p);
    }
    flush();
    return { x, y };
  }

  function fmt(value, digits) {
    if (value === null || value === undefined) return "–";
    const text = Number(value).toFixed(digits === undefined ? 2 : digits);
    return text.startsWith("-") ? "−" + text.slice(1) : text;
  }

  function pairLabel(a, b) {
    if (state.direction === "forward") return a + " → " + b;
    if (state.direction === "backward") return b + " → " + a;
    return a + "–" + b;
  }

  // -- choices --------------------------------------------------------------------------------------------------
  function optionNames(id) {
    const names = new Map();
    for (const option of $(id).options) if (option.value) names.set(option.value, option.textContent);
    return names;
  }

  // /api/countries answers a page ({items: [{code, name, kind, events}]}); actors with events in the store come
  // first, so the pickers open on what can be shown.
  async function loadCountries() {
    const found = await getJSON("countries");
    const countries = Array.isArray(found) ? found : (found.items || []);
    const groups = [["With events", countries.filter((c) => c.events)],
      ["No events yet", countries.filter((c) => !c.events)]];
    for (const id of ["country-a", "country-b", "country-c"]) {
      const select = $(id);
      for (const [label, members] of groups) {
        if (!members.length) continue;
        const group = el("optgroup", { label });
        for (const country of members) {
          group.append(el("option", { value: country.code, text: country.name + " (" + country.code + ")" }));
        }
        select.append(group);
      }
    }
    for (const country of countries) state.countries.set(country.code, country.name);
  }

  function choose(select, value) {
    if (value && [...select.options].some((o) => o.value === value)) select.value = value;
  }

  function readPicker() {
    state.a = $("country-a").value;
    state.b = $("country-b").value;
    state.c = $("country-c").value;
    state.freq = $("freq").value;
    state.direction = $("direction").value;
    state.from = $("from").value;
    state.to = $("to").value;
    state.mode = state.c ? "triad" : "dyad";
  }

  function writeUrl() {
    const params = query({ a: state.a, b: state.b, c: state.c, freq: state.freq,
      direction: state.direction === "both" ? "" : state.direction, from: state.from, to: state.to,
      period: state.period });
    history.replaceState(null, "", params ? "?" + params : location.pathname);
  }

  // -- chart ----------------------------------------------------------------------------------------------------
  function baseLayout(title) {
    const layout = {
      margin: { l: 56, r: 56, t: 36, b: 40 }, hovermode: "closest", showlegend: true,
      legend: { orientation: "h", y: 1.12, x: 0 }, font: { family: "system-ui, sans-serif", size: 12 },
      xaxis: { type: "date", showgrid: false },
      yaxis: { title: { text: title }, zeroline: true, zerolinecolor: "#888", zerolinewidth: 1 },
      yaxis2: { title: { text: "events" }, overlaying: "y", side: "right", showgrid: false, zeroline: false,
        tickmode: "auto", nticks: 4, tickformat: "d", rangemode: "tozero" },
      shapes: pickedShapes(), annotations: [], plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff",
    };
    return layout;
  }

  // The chosen period, marked by a vertical line (the only shape on the chart).
  function pickedShapes() {
    if (!state.period) return [];
    const [first, next] = periodBounds(state.period);
    if (!first) return [];
    return [{ type: "rect", xref: "x", yref: "paper", x0: isoDay(first), x1: isoDay(next), y0: 0, y1: 1,
      fillcolor: COLORS.pick, line: { width: 0 }, layer: "below" }];
  }

  function draw(traces, layout) {
    const chart = $("chart");
    const config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
    return Plotly.react(chart, traces, layout, config).then(() => {
      if (!chart.dataset.bound) {
        chart.on("plotly_click", onChartClick);
        chart.dataset.bound = "1";
      }
      chart.dataset.ready = String(Date.now());
    });
  }

  function onChartClick(event) {
    const point = event && event.points && event.points[0];
    if (!point || !point.customdata) return;
    const [period, a, b] = point.customdata;
    selectPeriod(period, a && b ? [a, b] : [state.a, state.b]);
  }

  function dyadTraces(points, findings) {
    const x = points.map((p) => periodMid(p.period));
    const custom = points.map((p) => [p.period, state.a, state.b]);
    const band = bandXY(points);
    const traces = [
      { type: "bar", name: "events", x, y: points.map((p) => p.events), yaxis: "y2", customdata: custom,
        marker: { color: COLORS.bars }, hovertemplate: "%{customdata[0]}: %{y} events<extra></extra>" },
      { type: "scatter", mode: "lines", name: "95% interval", x: band.x, y: band.y, fill: "toself",
        fillcolor: COLORS.band, line: { width: 0 }, hoverinfo: "skip", connectgaps: false },
      { type: "scatter", mode: "lines+markers", name: "index", x, y: points.map((p) => p.index),
        customdata: points.map((p) => [p.period, state.a, state.b, p.events, p.ci_low, p.ci_high]),
        line: { color: COLORS.index, width: 2 }, marker: { size: 7, color: COLORS.index }, connectgaps: false,
        hovertemplate: "%{customdata[0]}<br>index %{y:.2f} [%{customdata[4]:.2f}, %{customdata[5]:.2f}]" +
          "<br>%{customdata[3]} events<extra></extra>" },
    ];
    const byPeriod = new Map(points.map((p) => [p.period, p]));
    const turns = (findings && findings.turning_points) || [];
    for (const direction of ["up", "down"]) {
      const mine = turns.filter((t) => t.direction === direction && byPeriod.has(t.period));
      if (!mine.length) continue;
      traces.push({ type: "scatter", mode: "markers", name: "turning point " + (direction === "up" ? "▲" : "▼"),
        x: mine.map((t) => periodMid(t.period)), y: mine.map((t) => byPeriod.get(t.period).index ?? 0),
        customdata: mine.map((t) => [t.period, state.a, state.b, t.size]),
        marker: { symbol: direction === "up" ? "triangle-up" : "triangle-down", size: 15,
          color: COLORS[direction], line: { color: "#fff", width: 1 } },
        hovertemplate: "turning point %{customdata[0]}: level " + direction + " by %{customdata[3]:.2f}<extra></extra>" });
    }
    const low = findings && findings.record_low;
    if (low && byPeriod.has(low.period)) {
      traces.push({ type: "scatter", mode: "markers", name: "record low", x: [periodMid(low.period)],
        y: [byPeriod.get(low.period).index], customdata: [[low.period, state.a, state.b]],
        marker: { symbol: "circle-open", size: 18, color: COLORS.low, line: { width: 3 } },
        hovertemplate: "record low %{customdata[0]}: %{y:.2f}<extra></extra>" });
    }
    return traces;
  }

  function dyadLayout(points, findings) {
    const layout = baseLayout("relations index");
    const most = Math.max(1, ...points.map((p) => p.events));
    layout.yaxis2.range = [0, most * 3];  // the count bars keep to the lower third, under the index
    const low = findings && findings.record_low;
    const point = low && points.find((p) => p.period === low.period);
    if (point && point.index !== null) {
      layout.annotations.push({ x: periodMid(low.period), y: point.index, xref: "x", yref: "y",
        text: "record low " + low.period, showarrow: true, arrowhead: 0, ax: 40, ay: 28,
        font: { color: COLORS.low } });
    }
    return layout;
  }

  function triadTraces(triad) {
    const traces = [];
    const names = Object.keys(triad.legs || {});
    names.forEach((name, i) => {
      const points = triad.legs[name].both || [];
      const [a, b] = name.split("–");
      traces.push({ type: "scatter", mode: "lines+markers", name, x: points.map((p) => periodMid(p.period)),
        y: points.map((p) => p.index), customdata: points.map((p) => [p.period, a, b, p.events]),
        line: { color: COLORS.legs[i % COLORS.legs.length], width: 1.5 }, marker: { size: 6 },
        hovertemplate: name + " %{customdata[0]}: %{y:.2f} (%{customdata[3]} events)<extra></extra>" });
    });
    const points = triad.points || [];
    traces.push({ type: "scatter", mode: "lines+markers", name: "cohesion (weakest leg)", marker: { size: 5 },
      x: points.map((p) => periodMid(p.period)), y: points.map((p) => p.cohesion),
      customdata: points.map((p) => [p.period, ...(p.weakest ? p.weakest.split("–") : [state.a, state.b]),
        p.weakest || "", p.balance || "?"]),
      line: { color: COLORS.cohesion, width: 3, dash: "dot" },
      hovertemplate: "%{customdata[0]} cohesion %{y:.2f}, weakest %{customdata[3]}, balance %{customdata[4]}<extra></extra>" });
    const cohesion = new Map(points.map((p) => [p.period, p]));
    for (const direction of ["up", "down"]) {
      const mine = (triad.turning_points || []).filter((t) => t.direction === direction && cohesion.has(t.period));
      if (!mine.length) continue;
      traces.push({ type: "scatter", mode: "markers", name: "turning point " + (direction === "up" ? "▲" : "▼"),
        x: mine.map((t) => periodMid(t.period)), y: mine.map((t) => cohesion.get(t.period).cohesion ?? 0),
        customdata: mine.map((t) => [t.period, ...t.driver.split("–"), t.driver, t.size]),
        marker: { symbol: direction === "up" ? "triangle-up" : "triangle-down", size: 15, color: COLORS[direction] },
        hovertemplate: "turning point %{customdata[0]}: cohesion " + direction +
          " by %{customdata[4]:.2f}, driven by %{customdata[3]}<extra></extra>" });
    }
    return traces;
  }

  // -- findings -------------------------------------------------------------------------------------------------
  function renderFindings(findings) {
    const list = $("findings");
    clear(list);
    const seen = new Set();
    for (const key of ["latest", "record_low", "record_high"]) {
      const finding = findings && findings[key];
      if (!finding || !finding.sentence || seen.has(finding.sentence)) continue;
      seen.add(finding.sentence);
      list.append(el("li", { className: "finding " + key, dataset: { period: finding.period } },
        el("button", { type: "button", className: "linkish", text: finding.period,
          onclick: () => selectPeriod(finding.period, [state.a, state.b]) }),
        " ", finding.sentence));
    }
    if (!list.childElementCount) list.append(el("li", { className: "hint", text: "No findings: no scored periods." }));
    renderTurns((findings && findings.turning_points) || [], false);
    const reciprocity = findings && findings.reciprocity;
    $("reciprocity").textContent = reciprocitySentence(reciprocity);
  }

  function reciprocitySentence(r) {
    if (!r || r.best_lag === null || r.best_lag === undefined || r.best_correlation === null) return "";
    const lag = r.best_lag === 0 ? "in the same month" : r.best_lag + (r.best_lag === 1 ? " month" : " months") + " later";
    return "Reciprocity: " + r.b + "'s acts towards " + r.a + " follow " + r.a + "'s towards " + r.b + " most closely " +
      lag + " (r = " + fmt(r.best_correlation) + ", over " + r.months + " months).";
  }

  function renderTurns(turns, triad) {
    const list = $("turns");
    clear(list);
    for (const turn of turns) {
      const pair = triad ? turn.driver.split("–") : [state.a, state.b];
      const item = el("li", { className: "turn " + turn.direction, dataset: { period: turn.period } },
        el("button", { type: "button", className: "linkish", text: turn.period, onclick: () => selectPeriod(turn.period, pair) }),
        " " + (turn.direction === "up" ? "▲ up" : "▼ down") + " by " + fmt(Math.abs(turn.size)),
        triad ? ", driven by " + turn.driver
          : " (level " + fmt(turn.level_before) + " → " + fmt(turn.level_after) + ")");
      const events = turn.events || [];
      if (events.length) {
        const sub = el("ul", { className: "turn-events" });
        for (const event of events) sub.append(el("li", {}, eventSummary(event)));
        item.append(el("details", { className: "turn-detail" },
          el("summary", { text: events.length === 1 ? "the event behind it" : "the " + events.length + " events behind it" }),
          sub));
      }
      list.append(item);
    }
    if (!turns.length) list.append(el("li", { className: "hint", text: "No turning points found." }));
  }

  // A turning point's contributing event: the API gives fused-event fields; show what is there.
  function eventSummary(event) {
    const when = event.occurred_start || (event.occurred && event.occurred.start) || "";
    const source = event.source_country || (event.source && event.source.country) || "?";
    const target = event.target_country || (event.target && event.target.country) || "?";
    const sentence = event.sentence || (event.evidence && event.evidence.sentence) || "";
    return (when ? when + " " : "") + source + " → " + target + " " + (event.cameo || "") +
      (sentence ? ": " + sentence : "");
  }

  // -- events ---------------------------------------------------------------------------------------------------
  function filters() {
    return { from: $("f-from").value, to: $("f-to").value, root: $("f-root").value, quad: $("f-quad").value,
      sector: $("f-sector").value, q: $("f-q").value.trim() };
  }

  function selectPeriod(period, pair) {
    state.period = period;
    state.pair = pair || [state.a, state.b];
    state.offset = 0;
    writeUrl();
    refreshChartMark();
    loadEvents(false);
    $("events-box").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function refreshChartMark() {
    const chart = $("chart");
    if (chart.layout) Plotly.relayout(chart, { shapes: pickedShapes() });
  }

  async function loadEvents(append) {
    const [a, b] = state.pair || [state.a, state.b];
    const direction = state.mode === "dyad" ? state.direction : "both";
    const params = Object.assign({ a, b, direction, limit: PAGE_SIZE, offset: append ? state.offset : 0 }, filters());
    if (state.period) Object.assign(params, { period: state.period, freq: state.freq });
    else Object.assign(params, { from: params.from || state.from, to: params.to || state.to });
    const title = $("events-title");
    title.textContent = "Events " + pairLabel(a, b) + (state.period ? " in " + state.period : ", all periods");
    $("events-hint").hidden = true;
    const list = $("events");
    if (!append) clear(list);
    list.setAttribute("aria-busy", "true");
    try {
      const page = await getJSON("events", params);
      state.total = page.total;
      state.offset = (page.offset || 0) + page.items.length;
      for (const item of page.items) list.append(eventRow(item));
      title.textContent += " — " + page.total + (page.total === 1 ? " event" : " events");
      if (!page.items.length && !append) {
        list.append(el("li", { className: "hint", text: "No events match." }));
      }
      $("more").hidden = state.offset >= page.total;
    } catch (err) {
      setStatus("Could not load events: " + err.message, "error");
    } finally {
      list.removeAttribute("aria-busy");
    }
  }

  function occurredText(occurred) {
    if (!occurred || !occurred.start) return "date unknown";
    let text = occurred.start;
    if (occurred.end && occurred.end !== occurred.start) text += " – " + occurred.end;
    if (occurred.granularity && occurred.granularity !== "day") text += " (" + occurred.granularity + ")";
    return text;
  }

  function actorText(actor) {
    if (!actor) return "?";
    const name = state.countries.get(actor.country);
    return (actor.country || "?") + (actor.sector ? " " + actor.sector : "") + (name ? " (" + name + ")" : "");
  }

  function eventRow(item) {
    const roots = optionNames("f-root");
    const quads = optionNames("f-quad");
    const rootName = roots.get(item.root) || item.root || "";
    const quadName = quads.get(String(item.quad_class)) || "";
    const evidence = item.evidence || {};
    const reports = item.n_articles + (item.n_articles === 1 ? " report" : " reports") + ", " + item.n_sources +
      (item.n_sources === 1 ? " source" : " sources");
    const row = el("li", { className: "event quad-" + item.quad_class, dataset: { eventId: item.event_id } },
      el("div", { className: "event-head" },
        el("time", { className: "when", datetime: (item.occurred && item.occurred.start) || null, text: occurredText(item.occurred) }),
        el("span", { className: "code", title: rootName, text: "CAMEO " + item.cameo }),
        el("span", { className: "quad", text: quadName.replace(/^\d\s*/, "") }),
        el("span", { className: "goldstein", title: "Goldstein score", text: fmt(item.goldstein, 1) }),
        el("span", { className: "actors", text: actorText(item.source) + " → " + actorText(item.target) }),
        item.modality && item.modality !== "actual" ? el("span", { className: "modality", text: item.modality }) : null,
        (item.corrections || []).length ? el("span", { className: "corrected", title: "corrected by an analyst",
          text: "corrected" }) : null),
      el("blockquote", { className: "sentence", text: evidence.sentence || "" }),
      el("div", { className: "event-meta" },
        el("span", { className: "outlet", text: evidence.outlet || "unknown outlet" }),
        evidence.title ? el("span", { className: "title", text: evidence.title }) : null,
        el("span", { className: "sources", text: reports }),
        el("span", { className: "rule", title: "rule that coded it", text: item.rule_id || "" }),
        el("button", { type: "button", className: "mark-wrong quiet", text: "Mark wrong",
          onclick: (e) => toggleCorrection(row, item, e.currentTarget) })));
    return row;
  }

  // -- corrections ----------------------------------------------------------------------------------------------
  function toggleCorrection(row, item, button) {
    const open = row.querySelector("form.correction");
    if (open) {
      open.remove();
      button.setAttribute("aria-expanded", "false");
      return;
    }
    const form = $("correction-template").content.firstElementChild.cloneNode(true);
    const show = () => {
      const kind = form.elements.kind.value;
      for (const box of form.querySelectorAll(".kind-fields")) box.hidden = box.dataset.kind !== kind;
    };
    for (const radio of form.querySelectorAll("input[name=kind]")) radio.addEventListener("change", show);
    if (item.occurred) {
      form.elements.start.value = item.occurred.start || "";
      form.elements.end.value = item.occurred.end || "";
    }
    form.querySelector(".cancel").addEventListener("click", () => toggleCorrection(row, item, button));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      sendCorrection(form, item);
    });
    show();
    row.append(form);
    button.setAttribute("aria-expanded", "true");
    form.querySelector("input[name=kind]").focus();
  }

  function correctionValue(form) {
    const kind = form.elements.kind.value;
    const get = (name) => form.elements[name].value.trim();
    if (kind === "code") {
      if (!/^\d{3,4}$/.test(get("cameo"))) throw new Error("a CAMEO code has 3 or 4 digits, e.g. 163");
      return { cameo: get("cameo") };
    }
    if (kind === "date") {
      if (!get("start")) throw new Error("give the day it happened (from)");
      return { start: get("start"), end: get("end") || get("start") };
    }
    if (kind === "duplicate") {
      if (!get("of")) throw new Error("give the id of the event this one repeats");
      return { of: get("of") };
    }
    return {};
  }

  async function sendCorrection(form, item) {
    const status = form.querySelector(".correction-status");
    const token = $("token").value.trim();
    if (!token) {
      status.textContent = "Set the editor token (top right) first.";
      $("token-box").open = true;
      $("token").focus();
      return;
    }
    let body;
    try {
      body = { event_id: item.event_id, kind: form.elements.kind.value, value: correctionValue(form),
        note: form.elements.note.value.trim() || null };
    } catch (err) {
      status.textContent = err.message;
      return;
    }
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    status.textContent = "Sending…";
    try {
      await postJSON("corrections", body, token);
      await loadView();
      state.offset = 0;
      await loadEvents(false);
      setStatus("Correction saved (" + body.kind + ", event " + item.event_id + "); series reloaded.", "ok");
    } catch (err) {
      status.textContent = "Not saved: " + err.message;
      submit.disabled = false;
    }
  }

  // -- views ----------------------------------------------------------------------------------------------------
  async function loadDyad() {
    const common = { a: state.a, b: state.b, freq: state.freq };
    const [series, findings] = await Promise.all([
      getJSON("series", Object.assign({ direction: state.direction, from: state.from, to: state.to }, common)),
      getJSON("findings", common).catch((err) => {
        setStatus("Findings unavailable: " + err.message, "error");
        return null;
      }),
    ]);
    const points = series.series || [];
    $("chart-title").textContent = "Relations index " + pairLabel(state.a, state.b) + " by " + state.freq;
    $("chart-hint").textContent = "Each point is one period: the index is the Goldstein sum per event (shrunk " +
      "towards 0 when there are few events), the band its 95% interval, the bars the number of events. " +
      "Click a point to list its events.";
    $("turns-title").textContent = "Turning points";
    await draw(dyadTraces(points, findings), dyadLayout(points, findings));
    renderFindings(findings);
    const events = points.reduce((n, p) => n + p.events, 0);
    return points.length ? points.length + " periods, " + events + " events." : "No events between these countries.";
  }

  async function loadTriad() {
    const triad = await getJSON("triad", { a: state.a, b: state.b, c: state.c, freq: state.freq });
    $("chart-title").textContent = "Triad " + state.a + " · " + state.b + " · " + state.c + " by " + state.freq;
    $("turns-title").textContent = "Turning points of cohesion";
    $("chart-hint").textContent = "One line per pair (its relations index) and the triad's cohesion: the " +
      "weakest pair's index in each period. Click a pair's point to list its events.";
    const layout = baseLayout("relations index");
    delete layout.yaxis2;
    await draw(triadTraces(triad), layout);
    const list = $("findings");
    clear(list);
    const last = [...(triad.points || [])].reverse().find((p) => p.cohesion !== null);
    list.append(el("li", { className: "finding", text: last
      ? "In " + last.period + " the weakest leg was " + last.weakest + " (index " + fmt(last.cohesion) + "); the triangle was " +
        (last.balance === "+" ? "balanced" : last.balance === "-" ? "unbalanced" : "of unknown balance") + "."
      : "No events in any leg of this triad." }));
    renderTurns(triad.turning_points || [], true);
    $("reciprocity").textContent = "";
    return (triad.points || []).length + " periods.";
  }

  async function loadView() {
    readPicker();
    if (!state.a || !state.b || state.a === state.b) {
      setStatus("Pick two different countries.", "error");
      return;
    }
    if (state.c && (state.c === state.a || state.c === state.b)) {
      setStatus("A triad needs three different countries.", "error");
      return;
    }
    writeUrl();
    setStatus("Loading…");
    document.body.classList.add("busy");
    try {
      const summary = state.mode === "triad" ? await loadTriad() : await loadDyad();
      setStatus(summary);
    } catch (err) {
      setStatus("Could not load the series: " + err.message, "error");
    } finally {
      document.body.classList.remove("busy");
      document.body.dataset.loaded = String(Date.now());
    }
  }

  // -- start ----------------------------------------------------------------------------------------------------
  function bind() {
    const token = $("token");
    token.value = sessionStorage.getItem(TOKEN_KEY) || "";
    token.addEventListener("input", () => {
      if (token.value) sessionStorage.setItem(TOKEN_KEY, token.value);
      else sessionStorage.removeItem(TOKEN_KEY);
    });
    $("pick").addEventListener("submit", (event) => {
      event.preventDefault();
      state.period = null;
      state.pair = null;
      clear($("events"));
      $("events-title").textContent = "Events";
      $("events-hint").hidden = false;
      $("more").hidden = true;
      loadView();
    });
    $("filters").addEventListener("submit", (event) => {
      event.preventDefault();
      loadEvents(false);
    });
    $("all-periods").addEventListener("click", () => {
      state.period = null;
      writeUrl();
      refreshChartMark();
      loadEvents(false);
    });
    $("more").addEventListener("click", () => loadEvents(true));
  }

  async function start() {
    bind();
    if (typeof Plotly === "undefined") {
      setStatus("plotly.js did not load (static/plotly.min.js).", "error");
      return;
    }
    try {
      await loadCountries();
    } catch (err) {
      setStatus("Could not load the country list: " + err.message, "error");
      return;
    }
    const params = new URLSearchParams(location.search);
    const body = document.body.dataset;
    choose($("country-a"), (params.get("a") || body.defaultA || "").toUpperCase());
    choose($("country-b"), (params.get("b") || body.defaultB || "").toUpperCase());
    choose($("country-c"), (params.get("c") || "").toUpperCase());
    choose($("freq"), params.get("freq"));
    choose($("direction"), params.get("direction"));
    for (const key of ["from", "to"]) {
      if (/^\d{4}-\d{2}$/.test(params.get(key) || "")) $(key).value = params.get(key);
    }
    await loadView();
    const period = params.get("period");
    if (period && /^[0-9A-Z-]{4,10}$/.test(period)) selectPeriod(period, [state.a, state.b]);
  }

  document.addEventListener("DOMContentLoaded", start);
}());
