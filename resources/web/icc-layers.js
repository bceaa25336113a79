/* Point and zone layers: incidents, resources, cameras, hazards, sensors, risk zones. */
"use strict";

(function (ICC) {
  function clusterGroup(accent) {
    return L.markerClusterGroup({
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      maxClusterRadius: 45,
      disableClusteringAtZoom: 15,
      chunkedLoading: true,
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        var size = n < 10 ? 30 : n < 100 ? 36 : 42;
        var body = ICC.el("div");
        body.style.setProperty("--c", accent);
        body.style.width = body.style.height = size + "px";
        body.appendChild(ICC.el("span", null, n));
        return L.divIcon({ className: "icc-cluster", html: body, iconSize: [size, size] });
      },
    });
  }

  var SPECS = {
    incidents: {
      pane: "incidentsPane",
      key: function (d, sel) { return [d.level, d.acknowledged, d.title, d.status, sel].join("|"); },
      icon: function (d, sel) {
        var body = ICC.el("div", "incident" + (d.acknowledged ? "" : " pulse") + (sel ? " selected" : ""));
        body.style.setProperty("--c", ICC.lookup(ICC.LEVEL_COLOURS, d.level, "#adb5bd"));
        body.appendChild(ICC.el("span", null, ICC.lookup(ICC.LEVEL_NUMERALS, d.level, "?")));
        return L.divIcon({ className: "incident-icon", html: body, iconSize: [30, 30], iconAnchor: [15, 15] });
      },
      tooltip: function (d) {
        return ICC.tip(d.title, [ICC.t("level") + " " + ICC.lookup(ICC.LEVEL_NUMERALS, d.level, "?") + " · " +
          ICC.t("status." + d.status)]);
      },
    },
    resources: {
      pane: "resourcesPane",
      cluster: "#5c7cfa",
      key: function (d) { return [d.kind, d.name, JSON.stringify(d.attrs || {})].join("|"); },
      icon: function (d) {
        var st = ICC.resourceStyle(d.kind);
        var body = ICC.el("div", "res");
        // Only known kinds become a class name; any other text stays data.
        if (ICC.RESOURCE_KINDS.indexOf(d.kind) >= 0) body.classList.add("res-" + d.kind);
        body.style.setProperty("--c", st.colour);
        body.style.setProperty("--s", st.size + "px");
        body.appendChild(ICC.glyph(st.glyph, Math.round(st.size * 0.62)));
        if (d.kind === "shelter" && d.attrs && d.attrs.capacity != null) body.appendChild(ICC.el("em", null, d.attrs.capacity));
        return L.divIcon({
          className: "res-icon", html: body, iconSize: [st.size, st.size], iconAnchor: [st.size / 2, st.size / 2],
        });
      },
      tooltip: function (d) {
        var rows = Object.keys(d.attrs || {}).slice(0, 6).map(function (k) {
          var v = d.attrs[k];
          if (v && typeof v === "object") {
            v = Object.keys(v).map(function (n) { return n + " " + v[n]; }).join("、");
          }
          return ICC.t("attr." + k) + ": " + v;
        });
        return ICC.tip(d.name, [ICC.t("kind." + d.kind)].concat(rows));
      },
    },
    cameras: {
      pane: "resourcesPane",
      cluster: "#748ffc",
      key: function (d) { return d.name; },
      icon: function () {
        var body = ICC.append(ICC.el("div", "cam"), ICC.glyph("camera", 12));
        return L.divIcon({ className: "cam-icon", html: body, iconSize: [20, 20], iconAnchor: [10, 10] });
      },
      tooltip: function (d) { return ICC.el("span", null, d.name); },
    },
    hazards: {
      pane: "resourcesPane",
      key: function (d) { return [d.level, d.name].join("|"); },
      icon: function (d) {
        var body = ICC.append(ICC.el("div", "haz"), ICC.glyph("warn", 22, ICC.hazardColour(d.level)));
        return L.divIcon({ className: "haz-icon", html: body, iconSize: [22, 22], iconAnchor: [11, 11] });
      },
      tooltip: function (d) {
        return ICC.tip(d.name, [ICC.t("level") + " " + ICC.lookup(ICC.LEVEL_NUMERALS, d.level, ICC.t("hazard." + d.level))]);
      },
    },
    sensors: {
      pane: "resourcesPane",
      cluster: "#20c997",
      key: function (d) { return [d.value, d.threshold, d.name, d.level].join("|"); },
      icon: function (d) {
        var level = ICC.SENSOR_LEVELS[d.level] ? " level-" + d.level : "";
        var body = ICC.append(ICC.el("div", "sensor" + (ICC.sensorAlarm(d) ? " alarm" : "") + level),
          ICC.glyph("gauge", 12), ICC.el("span", null, ICC.fmtNum(d.value) + (d.unit || "")));
        return L.divIcon({ className: "sensor-icon", html: body, iconSize: null, iconAnchor: [10, 10] });
      },
      tooltip: function (d) {
        return ICC.tip(d.name, [ICC.t("kind." + d.kind) + ": " + ICC.fmtNum(d.value) + " " + (d.unit || "") + " (" +
          ICC.t("threshold") + " " + ICC.fmtNum(d.threshold) + ")"]);
      },
    },
  };

  function PointLayer(name, onClick) {
    this.name = name;
    this.spec = SPECS[name];
    this.onClick = onClick;
    this.items = new Map();
    this.group = this.spec.cluster ? clusterGroup(this.spec.cluster) : L.layerGroup();
    this.selectedId = null;
  }

  PointLayer.prototype.upsert = function (items) {
    var self = this, spec = this.spec, added = [];
    items.forEach(function (d) {
      var sel = d.id === self.selectedId;
      var rec = self.items.get(d.id);
      var key = spec.key(d, sel);
      if (!rec) {
        var m = L.marker([d.lat, d.lon], { icon: spec.icon(d, sel), pane: spec.pane, keyboard: false });
        m.bindTooltip(spec.tooltip(d), { direction: "top", offset: [0, -12], className: "icc-tip" });
        m.on("click", function () { self.onClick(d.id); });
        rec = { d: d, marker: m, key: key };
        self.items.set(d.id, rec);
        added.push(m);
        return;
      }
      rec.d = d;
      if (self.spec.cluster) {
        // Markercluster does not follow a moved marker; re-adding puts it in the right cluster.
        var ll = rec.marker.getLatLng();
        if (ll.lat !== d.lat || ll.lng !== d.lon) {
          self.group.removeLayer(rec.marker);
          rec.marker.setLatLng([d.lat, d.lon]);
          added.push(rec.marker);
        }
      } else {
        rec.marker.setLatLng([d.lat, d.lon]);
      }
      if (rec.key !== key) {
        rec.key = key;
        rec.marker.setIcon(spec.icon(d, sel));
        rec.marker.setTooltipContent(spec.tooltip(d));
      }
    });
    if (added.length) {
      if (this.group.addLayers) this.group.addLayers(added);
      else added.forEach(function (m) { self.group.addLayer(m); });
    }
  };

  PointLayer.prototype.remove = function (ids) {
    var self = this;
    ids.forEach(function (id) {
      var rec = self.items.get(id);
      if (!rec) return;
      self.group.removeLayer(rec.marker);
      self.items.delete(id);
    });
  };

  PointLayer.prototype.clear = function () {
    this.group.clearLayers();
    this.items = new Map();
  };

  PointLayer.prototype.setSelected = function (id) {
    var prev = this.selectedId;
    this.selectedId = id;
    var self = this;
    [prev, id].forEach(function (x) {
      var rec = x && self.items.get(x);
      if (rec) { rec.key = null; self.upsert([rec.d]); }
    });
  };

  PointLayer.prototype.latLngOf = function (id) {
    var rec = this.items.get(id);
    if (!rec) return null;
    var ll = rec.marker.getLatLng();
    return [ll.lat, ll.lng];
  };

  function ZoneLayer(onClick) {
    this.onClick = onClick;
    this.items = new Map();
    this.group = L.layerGroup();
  }

  ZoneLayer.prototype.upsert = function (items) {
    var self = this;
    items.forEach(function (d) {
      var colour = ICC.lookup(ICC.RISK_COLOURS, d.colour, "#adb5bd");
      var style = { pane: "zonesPane", color: colour, weight: 1.5, opacity: 0.9, fillColor: colour, fillOpacity: 0.18, dashArray: "6 4" };
      var rec = self.items.get(d.id);
      if (rec) {
        rec.poly.setLatLngs(d.polygon);
        rec.poly.setStyle(style);
        rec.poly.setTooltipContent(ICC.el("span", null, d.name));
        rec.d = d;
        return;
      }
      var poly = L.polygon(d.polygon, style);
      poly.bindTooltip(ICC.el("span", null, d.name), { sticky: true, className: "icc-tip" });
      poly.on("click", function () { self.onClick(d.id); });
      self.items.set(d.id, { d: d, poly: poly });
      self.group.addLayer(poly);
    });
  };

  ZoneLayer.prototype.remove = function (ids) {
    var self = this;
    ids.forEach(function (id) {
      var rec = self.items.get(id);
      if (rec) { self.group.removeLayer(rec.poly); self.items.delete(id); }
    });
  };

  ZoneLayer.prototype.clear = function () {
    this.group.clearLayers();
    this.items = new Map();
  };

  ZoneLayer.prototype.latLngOf = function (id) {
    var rec = this.items.get(id);
    if (!rec) return null;
    var c = rec.poly.getBounds().getCenter();
    return [c.lat, c.lng];
  };

  ICC.PointLayer = PointLayer;
  ICC.ZoneLayer = ZoneLayer;
})(window.ICC);
