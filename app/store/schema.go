package store

import "strings"

// migrations are Pipewright's own schema steps, applied in order and recorded
// in pw_migration. Append new steps; never edit a released one. Each step is
// written once with dialect placeholders:
//
//	{{serial}}       an auto-increment integer primary key
//	{{bytes}}        a binary column
//	{{lz4_payloads}} PostgreSQL: compress inbox payloads with lz4; SQLite: nothing
//	{{inbox_without_delivery_fk}} drop pw_inbox's foreign key to pw_delivery
//
// Timestamps are integer Unix microseconds in both dialects so that the same
// scanning code works everywhere.
var migrations = []string{
	// 1: sessions, the dedupe ledger, the inbox, the outbox, drain generations.
	`
CREATE TABLE pw_session (
    session_key TEXT PRIMARY KEY,
    data        {{bytes}} NOT NULL,
    version     BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- One row per X-GitHub-Delivery id ever accepted: GitHub may deliver twice.
CREATE TABLE pw_delivery (
    delivery_id TEXT PRIMARY KEY,
    received_at BIGINT NOT NULL
);

-- Accepted deliveries waiting for (or done with) processing, in arrival order.
CREATE TABLE pw_inbox (
    seq          {{serial}},
    delivery_id  TEXT NOT NULL UNIQUE REFERENCES pw_delivery (delivery_id),
    session_key  TEXT NOT NULL,
    event        TEXT NOT NULL,
    payload      {{bytes}} NOT NULL,
    received_at  BIGINT NOT NULL,
    processed_at BIGINT
);
CREATE INDEX pw_inbox_pending ON pw_inbox (session_key, seq) WHERE processed_at IS NULL;

-- Effects still to perform on GitHub, kept until marked done.
CREATE TABLE pw_effect (
    pos         {{serial}},
    effect_id   TEXT NOT NULL UNIQUE,
    session_key TEXT NOT NULL,
    inbox_seq   BIGINT NOT NULL REFERENCES pw_inbox (seq),
    kind        TEXT NOT NULL,
    payload     {{bytes}} NOT NULL,
    created_at  BIGINT NOT NULL,
    done_at     BIGINT,
    result      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pw_effect_pending ON pw_effect (session_key, pos) WHERE done_at IS NULL;

-- Drain generation per session: part of the drain job's unique key, bumped
-- when a drain starts, so a delivery arriving during a drain always gets a
-- job of its own instead of being deduplicated onto the running one.
CREATE TABLE pw_drain (
    session_key TEXT PRIMARY KEY,
    gen         BIGINT NOT NULL
);
`,
	// 2: Prune deletes inbox rows only when no effect refers to them; without
	// this index each such check (and the foreign key's) scans pw_effect.
	`CREATE INDEX pw_effect_inbox ON pw_effect (inbox_seq);`,
	// 3: PostgreSQL compresses each ~16 KB delivery payload (TOAST) inside
	// the group-commit transaction; its default pglz made that the webhook
	// route's bottleneck (pwbench: 2,800 -> 3,900 deliveries/s with lz4).
	// lz4 needs PostgreSQL 14 built with it; elsewhere pglz stays.
	`{{lz4_payloads}}`,
	// 4: how pw_inbox.payload is stored: 0 raw, 1 s2-compressed (see
	// payload.go). Existing rows are raw.
	`ALTER TABLE pw_inbox ADD COLUMN payload_format INTEGER NOT NULL DEFAULT 0;`,
	// 5: the inbox row's UNIQUE delivery_id is the dedupe; pw_delivery is no
	// longer written (one insert per delivery instead of two, in the
	// group-commit writer, the webhook route's one serial step). Its foreign
	// key goes: PostgreSQL drops it, SQLite rebuilds the table (with
	// foreign-key enforcement off, see migrateOwnSQLite). pw_delivery stays
	// for versions before this one that may still be running during a
	// rolling update, and Prune empties it.
	`{{inbox_without_delivery_fk}}`,
	// 6: GitHub's secondary limits are per installation, whatever the number
	// of replicas: each installation's pacing state, shared (see pace.go).
	`CREATE TABLE pw_pace (
    pace_key   TEXT PRIMARY KEY,
    tat_minute BIGINT NOT NULL,
    tat_hour   BIGINT NOT NULL
);`,
	// 7: the pacing log: one row per content-creating request granted in
	// the last hour, per installation, so the sliding windows are exact
	// across replicas and restarts (see pace.go). pw_pace's row per
	// installation stays as the lock that orders claims on PostgreSQL.
	`CREATE TABLE pw_pace_slot (
    pace_key TEXT NOT NULL,
    at       BIGINT NOT NULL
);
CREATE INDEX pw_pace_slot_key_at ON pw_pace_slot (pace_key, at);`,
	// 8: when the last request of an effect that creates something on GitHub
	// (a reply) can be read back: unknown outcomes are settled by reading
	// after it, never by sending again (see SessionLock.RecordAttempt).
	// NULL: never attempted.
	`ALTER TABLE pw_effect ADD COLUMN attempt_settles_at BIGINT;`,
	// 9: until when GitHub told the installation to stop creating content
	// (a rate limit's Retry-After), in microseconds; 0: no hold. Every
	// replica's claims honour it (see HoldPace).
	`ALTER TABLE pw_pace ADD COLUMN hold_until BIGINT NOT NULL DEFAULT 0;`,
}

const migrationTableSQL = `CREATE TABLE IF NOT EXISTS pw_migration (
    version    INTEGER PRIMARY KEY,
    applied_at BIGINT NOT NULL
)`

// lz4PayloadsSQL switches new inbox payloads to lz4 where the server can.
const lz4PayloadsSQL = `DO $$ BEGIN
    ALTER TABLE pw_inbox ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pw_inbox.payload keeps the default compression: %', SQLERRM;
END $$`

// inboxWithoutFKSQLite rebuilds pw_inbox without its foreign key to
// pw_delivery, following SQLite's documented procedure for schema changes
// ALTER TABLE cannot make (new table, copy, drop, rename, indexes). Row
// sequence numbers are kept, and so is the AUTOINCREMENT high-water mark:
// without it a pruned tail of the inbox could see its numbers reused.
const inboxWithoutFKSQLite = `
CREATE TABLE pw_inbox_v5 (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id    TEXT NOT NULL UNIQUE,
    session_key    TEXT NOT NULL,
    event          TEXT NOT NULL,
    payload        BLOB NOT NULL,
    received_at    BIGINT NOT NULL,
    processed_at   BIGINT,
    payload_format INTEGER NOT NULL DEFAULT 0
);
INSERT INTO pw_inbox_v5 (seq, delivery_id, session_key, event, payload, received_at, processed_at, payload_format)
    SELECT seq, delivery_id, session_key, event, payload, received_at, processed_at, payload_format FROM pw_inbox;
DELETE FROM sqlite_sequence WHERE name = 'pw_inbox_v5';
INSERT INTO sqlite_sequence (name, seq) SELECT 'pw_inbox_v5', seq FROM sqlite_sequence WHERE name = 'pw_inbox';
DROP TABLE pw_inbox;
ALTER TABLE pw_inbox_v5 RENAME TO pw_inbox;
CREATE INDEX pw_inbox_pending ON pw_inbox (session_key, seq) WHERE processed_at IS NULL;
`

// inboxWithoutFKPostgres drops the same foreign key by its default name.
const inboxWithoutFKPostgres = `ALTER TABLE pw_inbox DROP CONSTRAINT IF EXISTS pw_inbox_delivery_id_fkey`

// dialectSQL fills the placeholders for one dialect.
func dialectSQL(dialect, stmt string) string {
	serial, bytes, lz4, noFK := "INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB", "SELECT 1", inboxWithoutFKSQLite
	if dialect == DialectPostgres {
		serial, bytes, lz4, noFK = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BYTEA", lz4PayloadsSQL, inboxWithoutFKPostgres
	}
	return strings.NewReplacer("{{serial}}", serial, "{{bytes}}", bytes, "{{lz4_payloads}}", lz4,
		"{{inbox_without_delivery_fk}}", noFK).Replace(stmt)
}
