-- 012 (PostgreSQL): vendors as records (issue 17, docs/vendors.md). A vendor has an id, a name
-- unique whatever its case, contacts and notes; systems link to it (systems.vendor stays, kept
-- equal to the vendor's name, so lists, filters and exports keep reading it); the key its signed
-- responses are checked against is pinned per vendor id, and a re-pin keeps the replaced key as
-- history.

CREATE TABLE vendors (
  id          text PRIMARY KEY,
  name        text NOT NULL CHECK (length(trim(name)) > 0),
  -- JSON list of { name, role, email, telephone }
  contacts    text NOT NULL DEFAULT '[]' CHECK (vigil_json_valid(contacts)),
  notes       text NOT NULL DEFAULT '',
  created_at  text NOT NULL,
  created_by  text NOT NULL,
  updated_at  text NOT NULL
);

-- The name is the vendor's key whatever its case (lower() on both engines, as for systems).
CREATE UNIQUE INDEX vendors_name_lower ON vendors (lower(name));

-- One vendor per vendor name in the inventory (case aside), spelt as its earliest system spells
-- it, and one per name a key was pinned for that no system carries any more. Ids are VEN- and
-- eight hexadecimal digits (within the ids' alphabet).
INSERT INTO vendors (id, name, created_at, created_by, updated_at)
SELECT 'VEN-' || upper(substr(md5(random()::text || s.id), 1, 8)), s.vendor, s.created_at, 'Vigil (migration 012)', s.created_at
FROM systems s
WHERE s.id = (SELECT f.id FROM systems f WHERE lower(f.vendor) = lower(s.vendor) ORDER BY f.created_at, f.id LIMIT 1);

INSERT INTO vendors (id, name, created_at, created_by, updated_at)
SELECT 'VEN-' || upper(substr(md5(random()::text || k.vendor), 1, 8)), k.vendor, k.pinned_at, 'Vigil (migration 012)', k.pinned_at
FROM vendor_keys k
WHERE NOT EXISTS (SELECT 1 FROM vendors v WHERE lower(v.name) = lower(k.vendor));

-- Every system linked to its vendor, its vendor text spelt as the vendor's name. Filled for every
-- row here and written with every new system; NULL is refused by the code, not the column (as on
-- SQLite, which cannot add a NOT NULL column that references another table).
ALTER TABLE systems ADD COLUMN vendor_id text REFERENCES vendors (id);
UPDATE systems SET vendor_id = v.id, vendor = v.name FROM vendors v WHERE lower(v.name) = lower(systems.vendor);
CREATE INDEX systems_vendor_id ON systems (vendor_id, id);

-- Keys by vendor id, with their history: the pinned key has no replaced_at; a re-pin stamps the
-- old row (who, when) and adds the new one. Today's pins (by vendor name) move onto the ids.
ALTER TABLE vendor_keys RENAME TO vendor_keys_005;
ALTER TABLE vendor_keys_005 RENAME CONSTRAINT vendor_keys_pkey TO vendor_keys_005_pkey;
DROP INDEX vendor_keys_vendor_lower;

CREATE TABLE vendor_keys (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  vendor_id    text NOT NULL REFERENCES vendors (id),
  fingerprint  text NOT NULL,
  public_key   text NOT NULL,
  pinned_at    text NOT NULL,
  pinned_by    text NOT NULL,
  -- Why it was pinned: the first signed response, a re-pin, or this migration.
  reason       text NOT NULL,
  replaced_at  text,
  replaced_by  text,
  CHECK ((replaced_at IS NULL) = (replaced_by IS NULL))
);

CREATE UNIQUE INDEX vendor_keys_pinned ON vendor_keys (vendor_id) WHERE replaced_at IS NULL;
CREATE INDEX vendor_keys_history ON vendor_keys (vendor_id, seq);

INSERT INTO vendor_keys (vendor_id, fingerprint, public_key, pinned_at, pinned_by, reason)
SELECT v.id, k.fingerprint, k.public_key, k.pinned_at, k.pinned_by, 'Pinned for the vendor name "' || k.vendor || '" before vendors were records (migration 012)'
FROM vendor_keys_005 k
JOIN vendors v ON lower(v.name) = lower(k.vendor)
ORDER BY k.pinned_at, k.vendor;

DROP TABLE vendor_keys_005;
