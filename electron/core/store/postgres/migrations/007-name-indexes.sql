-- 007 (PostgreSQL): names are looked up case-insensitively through lower(), as on SQLite. Index
-- the expressions the repositories use, so the duplicate check on every new or renamed system
-- stays an index lookup with a large inventory.
CREATE INDEX systems_name_lower ON systems (lower(name), lower(vendor));
DROP INDEX systems_name;
-- people_name (UNIQUE on lower(name)) stays: it is the rule that two people never share a name.
CREATE INDEX people_name_lower ON people (lower(name));
