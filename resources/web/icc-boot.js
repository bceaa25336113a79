/* Wires the folium-created map to our layers and to Python over QWebChannel. */
"use strict";

(function (ICC) {
  var PANES = { zonesPane: 410, resourcesPane: 600, unitsPane: 620, incidentsPane: 640 };

  // Leaflet's layer control writes each name with innerHTML; basemap names come from MBTiles files,
  // so this one writes them as text. Otherwise it is Leaflet 1.9's _addItem.
  ICC.LayersControl = L.Control.Layers.extend({
    _addItem: function (obj) {
      var label = document.createElement("label"), checked = this._map.hasLayer(obj.layer), input;
      if (obj.overlay) {
        input = document.createElement("input");
        input.type = "checkbox";
        input.className = "leaflet-control-layers-selector";
        input.defaultChecked = checked;
      } else {
        input = this._createRadioElement("leaflet-base-layers_" + L.Util.stamp(this), checked);
      }
      this._layerControlInputs.push(input);
      input.layerId = L.Util.stamp(obj.layer);
      L.DomEvent.on(input, "click", this._onInputClick, this);
      var name = ICC.el("span", null, " " + obj.name);
      var holder = document.createElement("span");
      label.appendChild(holder);
      holder.appendChild(input);
      holder.appendChild(name);
      (obj.overlay ? this._overlaysList : this._baseLayersList).appendChild(label);
      this._checkDisabledLayers();
      return label;
    },
  });

  ICC.bridge = null;
  var BRIDGE_CALLS = ["log", "itemClicked", "snapshotApplied", "pageReady", "contextAction"];
  ICC.bridgeCall = function (name) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (ICC.bridge && BRIDGE_CALLS.indexOf(name) >= 0 && ICC.bridge[name]) ICC.bridge[name].apply(ICC.bridge, args);
  };
  ICC.bridgeLog = function (msg) { ICC.bridgeCall("log", String(msg)); };

  function onItemClicked(layer, id) {
    if (layer === "units" || layer === "incidents") ICC.select(layer, id, false);
    ICC.bridgeCall("itemClicked", layer, id);
  }

  ICC.select = function (layer, id, fly) {
    ["units", "incidents"].forEach(function (name) {
      ICC.layers[name].setSelected(name === layer ? id : null);
    });
    var ll = ICC.layers[layer] && ICC.layers[layer].latLngOf(id);
    if (ll && fly) ICC.map.flyTo(ll, Math.max(ICC.map.getZoom(), 16), { duration: 0.8 });
    return ll;
  };

  ICC.applyBatch = function (msg) {
    var layers = ICC.layers;
    // A snapshot may come in several parts (see bridge.split_snapshot): "reset" on the first,
    // "more" on all but the last.
    if (msg.reset) {
      Object.keys(layers).forEach(function (k) { layers[k].clear(); });
      ICC.snapshotPending = true;
    }
    Object.keys(msg.layers || {}).forEach(function (name) {
      var layer = ICC.lookup(layers, name, null), diff = msg.layers[name];
      if (!layer) return;
      if (diff.removed && diff.removed.length) layer.remove(diff.removed);
      if (diff.upserts && diff.upserts.length) layer.upsert(diff.upserts);
      if (diff.intern && diff.intern.length) layer.intern(diff.intern);
      if (diff.moves) layer.move(diff.moves);
    });
    ICC.status.update({
      units: layers.units.units.size, incidents: layers.incidents.items.size, resources: layers.resources.items.size,
    });
    ICC.applied += 1;
    if (ICC.snapshotPending && !msg.more) {
      ICC.snapshotPending = false;
      ICC.bridgeCall("snapshotApplied", msg.seq || 0);
    }
  };

  var COMMANDS = {
    flyTo: function (c) { ICC.map.flyTo([c.lat, c.lon], c.zoom, { duration: 0.8 }); },
    select: function (c) { ICC.select(c.layer, c.id, c.fly); },
    follow: function (c) { ICC.layers.units.setFollow(c.id || null); },
    // Intake's "pick on map": the next click on the map sets the report's point.
    pick: function () {
      var map = ICC.map, box = map.getContainer();
      box.classList.add("picking");
      map.off("click", ICC.onPick);
      ICC.onPick = function (e) {
        box.classList.remove("picking");
        ICC.bridgeCall("contextAction", "pick", e.latlng.lat, e.latlng.lng);
      };
      map.once("click", ICC.onPick);
    },
    cancelPick: function () {
      ICC.map.off("click", ICC.onPick);
      ICC.map.getContainer().classList.remove("picking");
    },
    // Day and night follow the console's theme (styles in icc-map.css under html.day).
    theme: function (c) {
      ICC.theme = c.name;
      document.documentElement.classList.toggle("day", c.name === "day");
      ICC.setVectorFlavor(c.name);
    },
    acknowledge: function (c) {
      var rec = ICC.layers.incidents.items.get(c.id);
      if (rec) ICC.layers.incidents.upsert([Object.assign({}, rec.d, { acknowledged: true })]);
    },
  };

  ICC.applyCommand = function (c) {
    var run = ICC.lookup(COMMANDS, c.op, null);
    if (run) run(c);
  };

  // Read-only views of the page state for tests and the benchmark.
  ICC.debug = {
    count: function (layer) {
      var l = ICC.layers[layer];
      return l.units ? l.units.size : l.items.size;
    },
    latLng: function (layer, id) { return ICC.layers[layer].latLngOf(id); },
    selected: function (layer) { return ICC.layers[layer].selectedId; },
    following: function () { return ICC.layers.units.followId; },
    unitMode: function () { return ICC.layers.units.mode; },
    hasDomMarker: function (id) {
      var rec = ICC.layers.units.units.get(id);
      return !!(rec && rec.marker && rec.marker._icon);
    },
    incidentPulsing: function (id) {
      var rec = ICC.layers.incidents.items.get(id);
      return !!(rec && !rec.d.acknowledged);
    },
    basemaps: function () { return Object.keys(ICC.basemaps.bases); },
    overlays: function () { return Object.keys(ICC.overlays); },
    center: function () { var c = ICC.map.getCenter(); return [c.lat, c.lng, ICC.map.getZoom()]; },
  };

  ICC.boot = function (map, cfg) {
    ICC.map = map;
    ICC.applied = 0;
    ICC.strings = cfg.strings || {};
    map.setMinZoom(7);
    map.setMaxZoom(19);
    map.attributionControl.setPrefix(false);
    Object.keys(PANES).forEach(function (name) {
      map.createPane(name).style.zIndex = String(PANES[name]);
    });

    ICC.basemaps = ICC.createBasemaps(map, cfg);
    ICC.layers = {
      units: new ICC.UnitLayer(map, function (id) { onItemClicked("units", id); }),
      incidents: new ICC.PointLayer("incidents", function (id) { onItemClicked("incidents", id); }),
      resources: new ICC.PointLayer("resources", function (id) { onItemClicked("resources", id); }),
      cameras: new ICC.PointLayer("cameras", function (id) { ICC.bridgeCall("itemClicked", "cameras", id); }),
      risk_zones: new ICC.ZoneLayer(function (id) { onItemClicked("risk_zones", id); }),
      hazards: new ICC.PointLayer("hazards", function (id) { onItemClicked("hazards", id); }),
      sensors: new ICC.PointLayer("sensors", function (id) { onItemClicked("sensors", id); }),
      warnings: new ICC.WarningLayer(function (id) { ICC.bridgeCall("itemClicked", "warnings", id); }),
    };
    var L_ = ICC.layers, t = ICC.t;
    ICC.overlays = {};
    ICC.overlays[t("districts")] = ICC.basemaps.districts;
    ICC.overlays[t("risk_zones")] = L_.risk_zones.group;
    ICC.overlays[t("warnings")] = L_.warnings.group;
    ICC.overlays[t("resources")] = L_.resources.group;
    ICC.overlays[t("cameras")] = L_.cameras.group;
    ICC.overlays[t("hazards")] = L_.hazards.group;
    ICC.overlays[t("sensors")] = L_.sensors.group;
    ICC.overlays[t("trails")] = L_.units.trails;
    ICC.overlays[t("units")] = L_.units.group;
    ICC.overlays[t("incidents")] = L_.incidents.group;
    Object.keys(ICC.overlays).forEach(function (k) { ICC.overlays[k].addTo(map); });
    L.control.scale({ metric: true, imperial: false }).addTo(map);
    ICC.status = new ICC.StatusBox(map);
    ICC.status.update({});
    new ICC.Legend().addTo(map);
    // A small map (a laptop, a layout where the map shares the screen) keeps its picture: the layer
    // list folds into Leaflet's button and the legend into its title, each opened by a click.
    var compact = null;
    ICC.fitControls = function () {
      var size = map.getSize(), small = size.x < 760 || size.y < 520;
      if (small === compact) return;
      compact = small;
      if (ICC.layersControl) map.removeControl(ICC.layersControl);
      ICC.layersControl = new ICC.LayersControl(ICC.basemaps.bases, ICC.overlays,
        { collapsed: small, position: "topright" }).addTo(map);
      map.getContainer().classList.toggle("compact", small);
    };
    ICC.fitControls();
    map.on("resize", ICC.fitControls);

    var container = map.getContainer();
    // Labels give way to markers: callsigns only from street level (or for the selected and
    // followed unit), district names only while the city, not the street, is in view.
    var zoomClass = function () {
      var z = map.getZoom();
      container.classList.toggle("zoom-low", z < 11);
      container.classList.toggle("callsigns-off", z < 13);
      container.classList.toggle("zoom-street", z >= 14);
    };
    map.on("zoomend", zoomClass);
    zoomClass();
    map.on("contextmenu", function (e) { ICC.ctx.open(map, e.latlng, e.containerPoint); });
    map.on("click movestart zoomstart", function () { ICC.ctx.close(); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { ICC.ctx.close(); ICC.measure.stop(); }
    });

    if (typeof qt === "undefined" || !qt.webChannelTransport) return;  // opened outside the app
    new QWebChannel(qt.webChannelTransport, function (channel) {
      ICC.bridge = channel.objects.bridge;
      ICC.bridge.batch.connect(function (text) { ICC.applyBatch(JSON.parse(text)); });
      ICC.bridge.command.connect(function (text) { ICC.applyCommand(JSON.parse(text)); });
      // Report ready only once the basemap and its fonts are in, so a first screenshot is complete.
      ICC.basemaps.ready
        .then(function () { return document.fonts ? document.fonts.ready : null; })
        .then(function () { ICC.bridgeCall("pageReady"); });
    });
  };
})(window.ICC);
