/* Shared helpers for the incident command console map: colours, glyphs, DOM building.
 *
 * Every string from data (names, titles, callsigns, units of measure) reaches the page as text:
 * through textContent or a text node, never through innerHTML. ICC.esc remains only for Leaflet's
 * attribution control, which takes HTML and nothing else.
 */
"use strict";

window.ICC = window.ICC || {};

(function (ICC) {
  ICC.strings = {};
  // Data names keys of these tables ("constructor" is a possible status): only own keys count.
  ICC.lookup = function (table, key, fallback) {
    return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : fallback;
  };

  ICC.t = function (key) {
    var s = ICC.lookup(ICC.strings, key, "");
    if (s) return String(s);
    // Unknown enum values still read sensibly ("status.on_scene" -> "on scene").
    var dot = key.lastIndexOf(".");
    return (dot >= 0 ? key.slice(dot + 1) : key).replace(/_/g, " ");
  };

  // An element with a class and text; children are appended by the caller.
  ICC.el = function (tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };

  ICC.append = function (parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      parent.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    }
    return parent;
  };

  // Tooltip content: a bold first line, then plain lines, all as text.
  ICC.tip = function (title, lines) {
    var root = ICC.el("div", null);
    root.appendChild(ICC.el("b", null, title));
    (lines || []).forEach(function (line) {
      root.appendChild(document.createElement("br"));
      root.appendChild(document.createTextNode(String(line)));
    });
    return root;
  };

  ICC.esc = function (value) {
    return String(value == null ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  };

  // Incident levels follow the national four-colour scheme: I red, II orange, III yellow, IV blue.
  ICC.LEVEL_COLOURS = { 1: "#e5383b", 2: "#f77f00", 3: "#f5c518", 4: "#3a86ff" };
  ICC.LEVEL_NUMERALS = { 1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ" };
  ICC.RISK_COLOURS = { red: "#e5383b", orange: "#f77f00", yellow: "#f5c518", blue: "#3a86ff" };

  ICC.STATUS_COLOURS = {
    available: "#2ec4b6",
    idle: "#2ec4b6",
    standby: "#2ec4b6",
    dispatched: "#ff9f1c",
    en_route: "#ff9f1c",
    enroute: "#ff9f1c",
    responding: "#ff9f1c",
    on_scene: "#e71d36",
    onscene: "#e71d36",
    busy: "#e71d36",
    returning: "#8e7dff",
    offline: "#6c757d",
    out_of_service: "#6c757d",
    maintenance: "#6c757d",
  };
  ICC.statusColour = function (status) {
    return ICC.lookup(ICC.STATUS_COLOURS, String(status || "").toLowerCase(), "#adb5bd");
  };

  // 24x24 viewBox glyphs, drawn white on the coloured marker body.
  var G = {
    flame: "M12 2c1 4 5 6 5 11a5 5 0 0 1-10 0c0-2 1-4 2-5 0 2 1 3 2 3 0-3-1-6 1-9z",
    cross: "M9 3h6v6h6v6h-6v6H9v-6H3V9h6z",
    shield: "M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z",
    ladder: "M7 2h2v3h6V2h2v20h-2v-3H9v3H7zm2 5v3h6V7zm0 5v3h6v-3z",
    hazmat: "M12 2l10 18H2zM11 9v6h2V9zm0 8v2h2v-2z",
    flag: "M5 2h2v20H5zM8 3h11l-3 4 3 4H8z",
    truck: "M2 6h12v9h2V9h3l3 4v4h-2a2 2 0 0 1-4 0H9a2 2 0 0 1-4 0H2z",
    boat: "M3 14h18l-3 6H6zM11 3h2v9h-2zM13 4l6 7h-6z",
    drop: "M12 2c3 5 7 9 7 13a7 7 0 0 1-14 0c0-4 4-8 7-13z",
    people: "M8 4a3 3 0 1 1 0 6 3 3 0 0 1 0-6zm8 0a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM2 20c0-4 3-7 6-7s6 3 6 7zm12 0c0-3-1-5-2-6 1-1 3-1 4-1 3 0 6 3 6 7z",
    house: "M12 3l10 9h-3v9h-5v-6h-4v6H5v-9H2z",
    box: "M3 7l9-4 9 4v10l-9 4-9-4zm9-1.8L6.5 7.6 12 10l5.5-2.4z",
    camera: "M4 7h11l5-3v16l-5-3H4z",
    warn: "M12 2l10 18H2zM11 9v6h2V9zm0 8v2h2v-2z",
    dot: "M12 6a6 6 0 1 1 0 12 6 6 0 0 1 0-12z",
    gauge: "M12 4a10 10 0 0 1 10 10h-3a7 7 0 0 0-14 0H2A10 10 0 0 1 12 4zm-1 10l4-6 1 1-3 6a1.5 1.5 0 1 1-2-1z",
  };
  var SVG_NS = "http://www.w3.org/2000/svg";
  ICC.glyph = function (name, size, colour) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", String(size));
    svg.setAttribute("height", String(size));
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("fill", colour || "#fff");
    path.setAttribute("d", ICC.lookup(G, name, G.dot));
    svg.appendChild(path);
    return svg;
  };

  var UNIT_GLYPHS = {
    fire_engine: "flame", fire: "flame", pumper: "flame", engine: "flame",
    ladder: "ladder", aerial: "ladder",
    ambulance: "cross", ems: "cross", medical: "cross",
    police: "shield", patrol: "shield",
    hazmat: "hazmat", chemical: "hazmat",
    command: "flag", command_vehicle: "flag",
    rescue: "truck", tanker: "drop", pump: "drop", water_tanker: "drop", boat: "boat", fireboat: "boat",
  };
  ICC.unitGlyph = function (type) {
    return ICC.lookup(UNIT_GLYPHS, String(type || "").toLowerCase(), "truck");
  };

  var RESOURCE_STYLE = {
    fire_station: { glyph: "flame", colour: "#d62828", size: 26 },
    micro_fire_station: { glyph: "flame", colour: "#f26a4f", size: 20 },
    shelter: { glyph: "house", colour: "#2a9d8f", size: 24 },
    stockpile: { glyph: "box", colour: "#b08968", size: 22 },
    team: { glyph: "people", colour: "#4361ee", size: 22 },
    hospital: { glyph: "cross", colour: "#e63946", size: 22 },
    expert: { glyph: "people", colour: "#9775fa", size: 20 },
    vehicle: { glyph: "truck", colour: "#5f7b99", size: 20 },
  };
  ICC.resourceStyle = function (kind) {
    return ICC.lookup(RESOURCE_STYLE, String(kind || "").toLowerCase(), { glyph: "dot", colour: "#6c8ebf", size: 20 });
  };
  ICC.RESOURCE_KINDS = Object.keys(RESOURCE_STYLE);

  // Work that paints (the unit dots) runs once per animation frame, in the order asked for.
  var frameTasks = [], frameRequested = false;
  function runFrame() {
    frameRequested = false;
    var tasks = frameTasks;
    frameTasks = [];
    for (var i = 0; i < tasks.length; i++) tasks[i].fn.call(tasks[i].ctx);
    flushLatency();
  }
  function requestFrame() {
    if (!frameRequested) {
      frameRequested = true;
      window.requestAnimationFrame(runFrame);
    }
  }
  ICC.onFrame = function (fn, ctx) {
    frameTasks.push({ fn: fn, ctx: ctx });
    requestFrame();
  };

  // Update latency for the benchmark: t_sent (s since the epoch, from Python) to the end of the
  // animation frame that painted the new position, in whole ms. Drained through run_js_query.
  var LATENCY_CAP = 500000;
  var latencyPending = [];
  ICC.latency = [];
  ICC.recordLatency = function (tSent) {
    if (typeof tSent === "number" && latencyPending.length < LATENCY_CAP) {
      latencyPending.push(tSent);
      requestFrame();
    }
  };
  function flushLatency() {
    var now = Date.now(), out = ICC.latency;
    for (var i = 0; i < latencyPending.length && out.length < LATENCY_CAP; i++) {
      out.push(Math.round(now - latencyPending[i] * 1000));
    }
    latencyPending = [];
  }
  ICC.takeLatency = function () {
    var out = ICC.latency;
    ICC.latency = [];
    return out;
  };

  // The counterpart of bridge.pack_doubles: base64 of little-endian float64s.
  ICC.unpackDoubles = function (text) {
    var bin = window.atob(text), n = bin.length, bytes = new Uint8Array(n);
    for (var i = 0; i < n; i++) bytes[i] = bin.charCodeAt(i);
    return new Float64Array(bytes.buffer, 0, n >> 3);
  };

  // Hazards come graded either 1-4 or by word (重大/一般 → major/general).
  var HAZARD_COLOURS = { major: "#f77f00", general: "#f5c518" };
  ICC.hazardColour = function (level) {
    return ICC.lookup(ICC.LEVEL_COLOURS, level, "") || ICC.lookup(HAZARD_COLOURS, String(level || "").toLowerCase(), "#f5c518");
  };

  // For these the alarm is a fall below the threshold (a hydrant losing pressure).
  var LOW_ALARM_KINDS = { hydrant_pressure: true };
  ICC.sensorAlarm = function (d) {
    if (typeof d.value !== "number" || typeof d.threshold !== "number") return false;
    return LOW_ALARM_KINDS[d.kind] ? d.value < d.threshold : d.value >= d.threshold;
  };

  // The warning colour in force on a sensor (its threshold state), as a CSS class.
  ICC.SENSOR_LEVELS = { blue: true, yellow: true, orange: true, red: true };

  ICC.fmtNum = function (v) {
    if (typeof v !== "number") return String(v == null ? "" : v);
    return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1);
  };
})(window.ICC);
