-- Looking a unit up by its radio or BeiDou identity (every received frame does) needs a plain index:
-- the partial unique indexes of 0002 cannot serve `issi = ?`, since '' is excluded from them.
CREATE INDEX units_issi_lookup ON units(issi);
CREATE INDEX units_beidou_lookup ON units(beidou_id);
