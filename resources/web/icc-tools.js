/* Map tools: right-click menu (new incident / measure / centre), distance measuring, legend. */
"use strict";

(function (ICC) {
  ICC.ctx = {
    menu: null,
    latlng: null,

    open: function (map, latlng, point) {
      this.close();
      this.latlng = latlng;
      var el = L.DomUtil.create("div", "icc-menu", map.getContainer());
      var items = [
        ["newIncident", ICC.t("menu.new_incident")],
        ["measure", ICC.t("menu.measure")],
        ["centre", ICC.t("menu.centre")],
      ];
      el.appendChild(ICC.el("div", "icc-menu-head", latlng.lat.toFixed(5) + ", " + latlng.lng.toFixed(5)));
      items.forEach(function (it) {
        var item = ICC.el("div", "icc-menu-item", it[1]);
        item.setAttribute("data-act", it[0]);
        el.appendChild(item);
      });
      el.style.left = point.x + "px";
      el.style.top = point.y + "px";
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.on(el, "contextmenu", L.DomEvent.stop);
      L.DomEvent.on(el, "click", function (ev) {
        var act = ev.target && ev.target.getAttribute("data-act");
        if (!act || ["newIncident", "measure", "centre"].indexOf(act) < 0) return;
        var ll = ICC.ctx.latlng;
        ICC.ctx.close();
        ICC.ctx[act](ll.lat, ll.lng);
      });
      this.menu = el;
    },

    close: function () {
      if (this.menu) { L.DomUtil.remove(this.menu); this.menu = null; }
    },

    // The three actions are plain functions of a location so tests (and keyboard paths) can call
    // them without synthesising a right-click.
    newIncident: function (lat, lon) {
      ICC.bridgeCall("contextAction", "new_incident", lat, lon);
    },
    centre: function (lat, lon) {
      ICC.map.panTo([lat, lon]);
    },
    measure: function (lat, lon) {
      ICC.measure.start(L.latLng(lat, lon));
    },
  };

  function fmtDistance(m) {
    return m >= 1000 ? (m / 1000).toFixed(2) + " km" : Math.round(m) + " m";
  }

  ICC.measure = {
    points: [],
    line: null,
    rubber: null,
    label: null,

    start: function (latlng) {
      var map = ICC.map;
      this.stop();
      this.points = [latlng];
      this.line = L.polyline(this.points, { color: "#ffd166", weight: 2.5, interactive: false }).addTo(map);
      this.rubber = L.polyline([latlng, latlng], { color: "#ffd166", weight: 1.5, dashArray: "4 4", interactive: false }).addTo(map);
      this.label = L.tooltip({ permanent: true, direction: "right", className: "icc-measure", offset: [10, 0] })
        .setLatLng(latlng).setContent(fmtDistance(0)).addTo(map);
      map.getContainer().classList.add("measuring");
      map.on("mousemove", this.onMove, this);
      map.on("click", this.onClick, this);
      map.on("dblclick", this.finish, this);
      map.doubleClickZoom.disable();
    },

    total: function (extra) {
      var pts = extra ? this.points.concat([extra]) : this.points;
      var d = 0;
      for (var i = 1; i < pts.length; i++) d += pts[i - 1].distanceTo(pts[i]);
      return d;
    },

    onMove: function (e) {
      this.rubber.setLatLngs([this.points[this.points.length - 1], e.latlng]);
      this.label.setLatLng(e.latlng).setContent(fmtDistance(this.total(e.latlng)));
    },

    onClick: function (e) {
      this.points.push(e.latlng);
      this.line.setLatLngs(this.points);
      this.label.setLatLng(e.latlng).setContent(fmtDistance(this.total()));
    },

    finish: function () {
      var map = ICC.map;
      map.off("mousemove", this.onMove, this);
      map.off("click", this.onClick, this);
      map.off("dblclick", this.finish, this);
      map.getContainer().classList.remove("measuring");
      if (this.rubber) { map.removeLayer(this.rubber); this.rubber = null; }
      setTimeout(function () { map.doubleClickZoom.enable(); }, 0);
      return this.total();
    },

    stop: function () {
      var map = ICC.map;
      if (this.line) this.finish();
      [this.line, this.label].forEach(function (l) { if (l) map.removeLayer(l); });
      this.line = this.label = null;
      this.points = [];
    },
  };

  ICC.Legend = L.Control.extend({
    options: { position: "bottomright" },  // over the sea east of the city, not over districts
    onAdd: function () {
      var el = L.DomUtil.create("div", "icc-legend");
      var swatch = function (cls, colour, child) {
        var i = ICC.append(ICC.el("i", cls), child);
        i.style.setProperty("--c", colour);
        return i;
      };
      var row = function (sw, text) { return ICC.append(ICC.el("div", "lg-row"), sw, ICC.el("span", null, text)); };
      var levels = [1, 2, 3, 4].map(function (l) {
        return row(swatch("lg-inc", ICC.LEVEL_COLOURS[l], ICC.LEVEL_NUMERALS[l]), ICC.t("level" + l));
      });
      var statuses = ["available", "dispatched", "on_scene", "returning", "out_of_service"].map(function (s) {
        return row(swatch("lg-dot", ICC.statusColour(s)), ICC.t("status." + s));
      });
      var kinds = ["fire_station", "micro_fire_station", "shelter", "stockpile", "team"].map(function (k) {
        var st = ICC.resourceStyle(k);
        return row(swatch("lg-res", st.colour, ICC.glyph(st.glyph, 11)), ICC.t("kind." + k));
      });
      var risks = ICC.el("div", "lg-row");
      ["red", "orange", "yellow", "blue"].forEach(function (c) {
        var sw = swatch("lg-risk", ICC.RISK_COLOURS[c]);
        sw.title = ICC.t("risk." + c);
        risks.appendChild(sw);
      });
      var column = function (parts) {
        var col = ICC.el("div");
        parts.forEach(function (p) { ICC.append(col, p); });
        return col;
      };
      var title = ICC.el("div", "lg-title", ICC.t("legend"));
      L.DomEvent.on(title, "click", function () { el.classList.toggle("open"); });
      ICC.append(el, title, ICC.append(ICC.el("div", "lg-cols"),
        column([ICC.el("div", "lg-sub", ICC.t("incidents"))].concat(levels, [ICC.el("div", "lg-sub", ICC.t("risk_zones")), risks])),
        column([ICC.el("div", "lg-sub", ICC.t("units"))].concat(statuses)),
        column([ICC.el("div", "lg-sub", ICC.t("resources"))].concat(kinds))));
      L.DomEvent.disableClickPropagation(el);
      return el;
    },
  });

  // Header with live counts, so the operator sees at a glance what the map holds.
  ICC.StatusBox = function (map) {
    this.el = L.DomUtil.create("div", "icc-status", map.getContainer());
    L.DomEvent.disableClickPropagation(this.el);
  };
  ICC.StatusBox.prototype = {
    update: function (counts) {
      if (!this.el) return;
      var el = this.el;
      el.textContent = "";
      el.appendChild(ICC.el("div", "st-title", ICC.t("title")));
      ["units", "incidents", "resources"].forEach(function (k) {
        el.appendChild(ICC.append(ICC.el("span"), ICC.el("b", null, counts[k] || 0), " " + ICC.t(k)));
      });
    },
  };
})(window.ICC);
