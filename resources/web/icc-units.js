/* Live units: DOM markers with callsign and heading when few are in view, canvas dots when many.
 *
 * Thousands of DOM markers moving every second overwhelm the page, and at city scale their labels
 * are unreadable anyway, so the layer switches level of detail by how many units are in view.
 * The selected and the followed unit always keep their full marker.
 */
"use strict";

(function (ICC) {
  var DOM_LIMIT = 400;
  var TRAIL_STEP_MS = 5000;
  var TRAIL_MS = 5 * 60 * 1000;
  var TRAIL_REDRAW_MS = 1000;
  var DECLUTTER_MS = 1000;
  var MODE_CHECK_MS = 1000;

  function UnitLayer(map, onClick) {
    this.map = map;
    this.onClick = onClick;
    this.units = new Map();
    this.group = L.layerGroup();
    this.domGroup = L.layerGroup().addTo(this.group);
    var self = this;
    this.dots = new ICC.DotCanvas(this.units, function (id) { self.onClick(id); });
    this.trails = L.layerGroup();
    this.trailRenderer = L.canvas({ padding: 0.2 });
    this.mode = "dom";
    this.selectedId = null;
    this.followId = null;
    this.lastTrailDraw = 0;
    this.lastModeCheck = 0;
    this.byIndex = [];  // interned unit ids: moves name a unit by its index here
    // After a pan or zoom the level of detail is decided at once (moves only re-check it slowly).
    map.on("moveend zoomend", function () { if (!self.maybeSwitchMode()) self.refreshView(); });
    map.on("dragstart", function () { self.followId = null; });
  }

  UnitLayer.prototype.visibleBounds = function () {
    return this.map.getBounds().pad(0.2);
  };

  UnitLayer.prototype.iconKey = function (d, id) {
    return [d.type, d.status, d.callsign, id === this.selectedId, id === this.followId].join("|");
  };

  UnitLayer.prototype.makeIcon = function (d, id) {
    var cls = "unit" + (id === this.selectedId ? " selected" : "") + (id === this.followId ? " followed" : "");
    var body = ICC.el("div", cls);
    body.style.setProperty("--c", ICC.statusColour(d.status));
    var arrow = ICC.append(ICC.el("div", "unit-arrow"), ICC.el("i"));
    if (typeof d.heading === "number") arrow.style.transform = "rotate(" + d.heading + "deg)";
    else arrow.style.display = "none";
    ICC.append(body, arrow, ICC.append(ICC.el("div", "unit-body"), ICC.glyph(ICC.unitGlyph(d.type), 14)),
      ICC.el("div", "unit-cs", d.callsign || id));
    return L.divIcon({ className: "unit-icon", html: body, iconSize: [26, 26], iconAnchor: [13, 13] });
  };

  UnitLayer.prototype.wantsMarker = function (id, latlng, bounds) {
    if (id === this.selectedId || id === this.followId) return true;
    return this.mode === "dom" && bounds.contains(latlng);
  };

  UnitLayer.prototype.placeMarker = function (id, rec, latlng, bounds) {
    var self = this;
    if (!this.wantsMarker(id, latlng, bounds)) {
      if (rec.marker) { this.domGroup.removeLayer(rec.marker); rec.marker = null; }
      return;
    }
    var key = this.iconKey(rec.d, id);
    if (!rec.marker) {
      rec.marker = L.marker(latlng, { icon: this.makeIcon(rec.d, id), keyboard: false, pane: "unitsPane" });
      rec.marker.on("click", function () { self.onClick(id); });
      rec.iconKey = key;
      this.labelsDirty = true;
      this.domGroup.addLayer(rec.marker);
      return;
    }
    rec.marker.setLatLng(latlng);
    if (rec.iconKey !== key) {
      rec.iconKey = key;
      rec.marker.setIcon(this.makeIcon(rec.d, id));
      this.labelsDirty = true;
    } else if (rec.marker._icon && typeof rec.d.heading === "number") {
      // Only the heading changed: touch one style instead of rebuilding the icon's DOM.
      var arrow = rec.marker._icon.firstChild.firstChild;
      arrow.style.display = "";
      arrow.style.transform = "rotate(" + rec.d.heading + "deg)";
    }
  };

  // Trails are flat [lat, lon, t, lat, lon, t, ...]: V8 stores such arrays as raw doubles,
  // about 1.4 KB per unit for five minutes, where nested [lat, lon, t] arrays cost several times that.
  UnitLayer.prototype.pushTrail = function (rec, now) {
    var t = rec.trail, n = t.length;
    if (!n || now - t[n - 1] >= TRAIL_STEP_MS) t.push(rec.d.lat, rec.d.lon, now);
    var drop = 0;
    while (drop < t.length && now - t[drop + 2] > TRAIL_MS) drop += 3;
    if (drop) t.splice(0, drop);
  };

  // Position-only updates (see bridge.py): base64 of float64 [index, lat, lon, heading, t_sent, ...],
  // the unit's id interned earlier. Records are updated in place (fresh objects for 20,000 units
  // a second are garbage V8 has to chase) and only units that are drawn in full are touched in
  // the DOM; the dots are repainted once per animation frame from the records.
  UnitLayer.prototype.intern = function (ids) {
    for (var i = 0; i < ids.length; i++) this.byIndex.push(ids[i]);
  };

  UnitLayer.prototype.move = function (packed) {
    var f = ICC.unpackDoubles(packed);
    var now = Date.now();
    var box = null, bounds = null, follow = null;
    for (var i = 0; i + 4 < f.length; i += 5) {
      var id = this.byIndex[f[i]];
      var rec = id === undefined ? null : this.units.get(id);
      if (!rec) continue;
      var d = rec.d, h = f[i + 3], t = f[i + 4];
      d.lat = f[i + 1];
      d.lon = f[i + 2];
      d.heading = h === h ? h : null;  // NaN: no heading
      d.t_sent = t === t ? t : null;
      this.pushTrail(rec, now);
      var full = rec.marker || id === this.selectedId || id === this.followId;
      if (!full && this.mode === "dom") {
        box = box || this.viewBox();
        full = d.lat >= box.s && d.lat <= box.n && d.lon >= box.w && d.lon <= box.e;
      }
      if (full) {
        bounds = bounds || this.visibleBounds();
        this.placeMarker(id, rec, L.latLng(d.lat, d.lon), bounds);
      }
      if (id === this.followId) follow = L.latLng(d.lat, d.lon);
      if (t === t) ICC.recordLatency(t);
    }
    // Units drifting in or out of view change the level of detail only slowly; counting all of
    // them on every batch is not worth it. Pans and zooms re-check at once (see the constructor).
    if (now - this.lastModeCheck < MODE_CHECK_MS || !this.maybeSwitchMode()) {
      if (this.mode === "dots") this.dots.redraw();
    }
    if (follow) this.map.panTo(follow, { animate: false });
    this.drawTrails(false);
    this.declutter(false);
  };

  UnitLayer.prototype.viewBox = function () {
    var b = this.visibleBounds();
    return { s: b.getSouth(), n: b.getNorth(), w: b.getWest(), e: b.getEast() };
  };

  UnitLayer.prototype.upsert = function (items) {
    var now = Date.now();
    var follow = null;
    var recs = new Array(items.length);
    for (var i = 0; i < items.length; i++) {
      var d = items[i];
      var rec = this.units.get(d.id);
      if (!rec) {
        rec = { d: d, marker: null, trail: [], iconKey: null };
        this.units.set(d.id, rec);
      } else {
        rec.d = d;
      }
      this.pushTrail(rec, now);
      recs[i] = rec;
      if (d.id === this.followId) follow = L.latLng(d.lat, d.lon);
    }
    // Decide the level of detail before placing anything: a snapshot of 20,000 units must not
    // build 20,000 DOM markers only to throw them away.
    if (!this.maybeSwitchMode()) {
      var bounds = this.visibleBounds();
      for (var j = 0; j < items.length; j++) {
        if (this.mode === "dom" || recs[j].marker || items[j].id === this.selectedId || items[j].id === this.followId) {
          this.placeMarker(items[j].id, recs[j], L.latLng(items[j].lat, items[j].lon), bounds);
        }
      }
    }
    if (this.mode === "dots") this.dots.redraw();
    for (var k = 0; k < items.length; k++) ICC.recordLatency(items[k].t_sent);
    if (follow) this.map.panTo(follow, { animate: false });
    this.drawTrails(false);
    this.declutter(false);
  };

  // Greedy label placement: a callsign that would overlap one already shown is hidden (the unit
  // itself stays). The selected and followed units are placed first so theirs always shows.
  UnitLayer.prototype.declutter = function (force) {
    var now = Date.now();
    if (!force && !this.labelsDirty && now - (this.lastDeclutter || 0) < DECLUTTER_MS) return;
    this.lastDeclutter = now;
    this.labelsDirty = false;
    var map = this.map, placed = [], recs = [];
    var self = this;
    this.units.forEach(function (rec, id) {
      if (rec.marker && rec.marker._icon) recs.push([id, rec]);
    });
    recs.sort(function (a, b) { return self.priority(b[0]) - self.priority(a[0]); });
    recs.forEach(function (pair) {
      var rec = pair[1];
      var p = map.latLngToLayerPoint(rec.marker.getLatLng());
      var w = 14 + 8 * String(rec.d.callsign || pair[0]).length;
      var box = [p.x - 13, p.y - 13, p.x + 14 + w, p.y + 13];
      var free = placed.every(function (q) { return box[0] > q[2] || box[2] < q[0] || box[1] > q[3] || box[3] < q[1]; });
      if (free) placed.push(box);
      var el = rec.marker._icon.firstChild;
      if (el.classList.contains("nolabel") === free) el.classList.toggle("nolabel", !free);
    });
  };

  UnitLayer.prototype.priority = function (id) {
    return id === this.selectedId ? 2 : id === this.followId ? 1 : 0;
  };

  UnitLayer.prototype.remove = function (ids) {
    for (var i = 0; i < ids.length; i++) {
      var rec = this.units.get(ids[i]);
      if (!rec) continue;
      if (rec.marker) this.domGroup.removeLayer(rec.marker);
      if (rec.line) this.trails.removeLayer(rec.line);
      this.units.delete(ids[i]);
      if (this.selectedId === ids[i]) this.selectedId = null;
      if (this.followId === ids[i]) this.followId = null;
    }
    if (!this.maybeSwitchMode() && this.mode === "dots") this.dots.redraw();
  };

  UnitLayer.prototype.clear = function () {
    this.byIndex = [];
    this.domGroup.clearLayers();
    this.trails.clearLayers();
    this.units.clear();  // cleared in place: the dot canvas holds the same Map
    this.dots.redraw();
  };

  UnitLayer.prototype.countInView = function (box) {
    var n = 0;
    this.units.forEach(function (rec) {
      var d = rec.d;
      if (d.lat >= box.s && d.lat <= box.n && d.lon >= box.w && d.lon <= box.e) n++;
    });
    return n;
  };

  UnitLayer.prototype.maybeSwitchMode = function () {
    this.lastModeCheck = Date.now();
    var n = this.countInView(this.viewBox());
    // Hysteresis: a count hovering at the limit must not flip the layer every batch.
    var want = this.mode === "dom" ? (n > DOM_LIMIT ? "dots" : "dom") : (n < DOM_LIMIT * 0.8 ? "dom" : "dots");
    if (want === this.mode) return false;
    this.mode = want;
    this.refreshView();
    return true;
  };

  UnitLayer.prototype.refreshView = function () {
    var self = this;
    var bounds = this.visibleBounds();
    if (this.mode === "dots") {
      if (!this.group.hasLayer(this.dots)) this.group.addLayer(this.dots);
    } else if (this.group.hasLayer(this.dots)) {
      this.group.removeLayer(this.dots);
    }
    this.units.forEach(function (rec, id) {
      if (self.mode === "dom" || rec.marker || id === self.selectedId || id === self.followId) {
        self.placeMarker(id, rec, L.latLng(rec.d.lat, rec.d.lon), bounds);
      }
    });
    if (this.mode === "dots") this.dots.redraw();
    this.drawTrails(true);
    this.declutter(true);
  };

  UnitLayer.prototype.drawTrails = function (force) {
    var now = Date.now();
    if (!this.map.hasLayer(this.trails) || (!force && now - this.lastTrailDraw < TRAIL_REDRAW_MS)) return;
    this.lastTrailDraw = now;
    var self = this;
    this.units.forEach(function (rec) {
      if (rec.marker && rec.trail.length) {
        var pts = [];
        for (var i = 0; i < rec.trail.length; i += 3) pts.push([rec.trail[i], rec.trail[i + 1]]);
        pts.push([rec.d.lat, rec.d.lon]);
        if (!rec.line) {
          rec.line = L.polyline(pts, {
            renderer: self.trailRenderer, interactive: false, weight: 2, opacity: 0.7,
            color: ICC.statusColour(rec.d.status), dashArray: "2 4",
          }).addTo(self.trails);
        } else {
          rec.line.setLatLngs(pts);
        }
      } else if (rec.line) {
        self.trails.removeLayer(rec.line);
        rec.line = null;
      }
    });
  };

  UnitLayer.prototype.setSelected = function (id) {
    var prev = this.selectedId;
    this.selectedId = id;
    this.restyle(prev);
    this.restyle(id);
  };

  UnitLayer.prototype.setFollow = function (id) {
    var prev = this.followId;
    this.followId = id;
    this.restyle(prev);
    this.restyle(id);
    var rec = id && this.units.get(id);
    if (rec) this.map.setView([rec.d.lat, rec.d.lon], Math.max(this.map.getZoom(), 15), { animate: false });
  };

  UnitLayer.prototype.restyle = function (id) {
    var rec = id && this.units.get(id);
    if (rec) this.placeMarker(id, rec, L.latLng(rec.d.lat, rec.d.lon), this.visibleBounds());
    this.declutter(true);
  };

  UnitLayer.prototype.latLngOf = function (id) {
    var rec = this.units.get(id);
    if (!rec) return null;
    if (!rec.marker) return [rec.d.lat, rec.d.lon];
    var ll = rec.marker.getLatLng();
    return [ll.lat, ll.lng];
  };

  ICC.UnitLayer = UnitLayer;
})(window.ICC);
