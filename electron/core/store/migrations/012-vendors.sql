-- 012: vendors as records (issue 17, docs/vendors.md). A vendor has an id, a name unique whatever
-- its case, contacts and notes; systems link to it (systems.vendor stays, kept equal to the
-- vendor's name, so lists, filters and exports keep reading it); the key its signed responses are
-- checked against is pinned per vendor id, and a re-pin keeps the replaced key as history.

CREATE TABLE vendors (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  -- JSON list of { name, role, email, telephone }
  contacts    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(contacts)),
  notes       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

-- The name is the vendor's key whatever its case (lower() on both engines, as for systems).
CREATE UNIQUE INDEX vendors_name_lower ON vendors (lower(name));

-- One vendor per vendor name in the inventory (case aside), spelt as its earliest system spells
-- it, and one per name a key was pinned for that no system carries any more. Ids are
-- VEN- and eight hexadecimal digits (within the ids' alphabet).
INSERT INTO vendors (id, name, created_at, created_by, updated_at)
SELECT 'VEN-' || upper(hex(randomblob(4))), s.vendor, s.created_at, 'Vigil (migration 012)', s.created_at
FROM systems s
WHERE s.id = (SELECT f.id FROM systems f WHERE lower(f.vendor) = lower(s.vendor) ORDER BY f.created_at, f.id LIMIT 1);

INSERT INTO vendors (id, name, created_at, created_by, updated_at)
SELECT 'VEN-' || upper(hex(randomblob(4))), k.vendor, k.pinned_at, 'Vigil (migration 012)', k.pinned_at
FROM vendor_keys k
WHERE NOT EXISTS (SELECT 1 FROM vendors v WHERE lower(v.name) = lower(k.vendor));

-- Every system linked to its vendor, its vendor text spelt as the vendor's name. Filled for every
-- row here and written with every new system; NULL is refused by the code, not the column
-- (SQLite cannot add a NOT NULL column that references another table).
ALTER TABLE systems ADD COLUMN vendor_id TEXT REFERENCES vendors (id);
UPDATE systems SET
  vendor_id = (SELECT v.id FROM vendors v WHERE lower(v.name) = lower(systems.vendor)),
  vendor = (SELECT v.name FROM vendors v WHERE lower(v.name) = lower(systems.vendor));
CREATE INDEX systems_vendor_id ON systems (vendor_id, id);

-- Keys by vendor id, with their history: the pinned key has no replaced_at; a re-pin stamps the
-- old row (who, when) and adds the new one. Today's pins (by vendor name) move onto the ids.
ALTER TABLE vendor_keys RENAME TO vendor_keys_005;

CREATE TABLE vendor_keys (
  seq          INTEGER PRIMARY KEY,
  vendor_id    TEXT NOT NULL REFERENCES vendors (id),
  fingerprint  TEXT NOT NULL,
  public_key   TEXT NOT NULL,
  pinned_at    TEXT NOT NULL,
  pinned_by    TEXT NOT NULL,
  -- Why it was pinned: the first signed response, a re-pin, or this migration.
  reason       TEXT NOT NULL,
  replaced_at  TEXT,
  replaced_by  TEXT,
  CHECK ((replaced_at IS NULL) = (replaced_by IS NULL))
) STRICT;

CREATE UNIQUE INDEX vendor_keys_pinned ON vendor_keys (vendor_id) WHERE replaced_at IS NULL;
CREATE INDEX vendor_keys_history ON vendor_keys (vendor_id, seq);

INSERT INTO vendor_keys (vendor_id, fingerprint, public_key, pinned_at, pinned_by, reason)
SELECT v.id, k.fingerprint, k.public_key, k.pinned_at, k.pinned_by, 'Pinned for the vendor name "' || k.vendor || '" before vendors were records (migration 012)'
FROM vendor_keys_005 k
JOIN vendors v ON lower(v.name) = lower(k.vendor)
ORDER BY k.pinned_at, k.vendor;

DROP TABLE vendor_keys_005;
