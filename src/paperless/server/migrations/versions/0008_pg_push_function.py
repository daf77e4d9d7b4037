"""PostgreSQL: a push in one round trip, by a server-side function (SQLite: nothing to do).

``paperless_push`` does what :meth:`paperless.server.store.Store._push_in` does, in the same
order and inside one transaction: the token, its device and the member's counter read with the
member's row locked (``FOR UPDATE OF members``); then, in a later statement (so with a snapshot
taken after the lock: a push of the same member that committed while this one waited is seen),
the ops already applied and the current versions; each op in the order sent — ``duplicate`` if its
op id is known (the version and counter it got then), ``conflict`` if its base is not the record's
version, otherwise applied with the next counter —; then the records, the ops, the counter and
the device's ``last_seen`` (at most once a minute), all committed together. Called in autocommit
mode, the whole push is one statement: one round trip to the database.

It sends no notification: a transaction that NOTIFYs takes one lock for the whole database while
it commits, its WAL flush included, so every push's commit waited for the one before (no group
commit; seconds of queueing under load). The caller notifies once the push is committed.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

PUSH_FUNCTION = r"""
CREATE OR REPLACE FUNCTION paperless_push(
    p_hash text, p_now bigint, p_ops text[], p_uuids text[], p_bases bigint[], p_payloads bytea[],
    p_seen_before bigint)
RETURNS TABLE (r_refused text, r_member text, r_changed boolean, r_statuses text[], r_versions bigint[],
               r_counters bigint[])
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    s record;
    n_counter bigint;
    n_start bigint;
    done jsonb;
    cur jsonb;
    e jsonb;
    i int;
    v bigint;
    at bigint;
    st text[] := '{}';
    vs bigint[] := '{}';
    cs bigint[] := '{}';
    a_op text[] := '{}';
    a_u text[] := '{}';
    a_v bigint[] := '{}';
    a_c bigint[] := '{}';
    a_p bytea[] := '{}';
    repeats boolean;
BEGIN
    SELECT t.member AS m, t.device AS d, t.expires AS x, dv.revoked_at AS rv, dv.pending AS pd, mb.counter AS c
      INTO s
      FROM tokens t
      JOIN devices dv ON dv.member = t.member AND dv.id = t.device
      JOIN members mb ON mb.id = t.member
     WHERE t.hash = p_hash
       FOR UPDATE OF mb;
    IF NOT FOUND OR s.x <= p_now THEN
        RETURN QUERY SELECT 'unauthorized'::text, NULL::text, false, NULL::text[], NULL::bigint[], NULL::bigint[];
        RETURN;
    END IF;
    IF s.rv IS NOT NULL THEN
        RETURN QUERY SELECT 'revoked'::text, NULL::text, false, NULL::text[], NULL::bigint[], NULL::bigint[];
        RETURN;
    END IF;
    IF s.pd THEN
        RETURN QUERY SELECT 'pending'::text, NULL::text, false, NULL::text[], NULL::bigint[], NULL::bigint[];
        RETURN;
    END IF;
    n_counter := s.c;
    n_start := s.c;
    -- one primary-key probe per id of the batch (``op_id = ANY(…)`` was planned as a scan of all the
    -- member's rows, filtered: a push cost more the longer the member's history; OFFSET 0 keeps the
    -- planner from turning the probes back into that scan)
    SELECT coalesce(jsonb_object_agg(o.op_id, jsonb_build_array(o.version, o.counter)), '{}'::jsonb) INTO done
      FROM (SELECT DISTINCT x FROM unnest(p_ops) AS x) AS k
     CROSS JOIN LATERAL (SELECT op_id, version, counter FROM ops WHERE member = s.m AND op_id = k.x OFFSET 0) AS o;
    SELECT coalesce(jsonb_object_agg(r.uuid, jsonb_build_array(r.version, r.counter)), '{}'::jsonb) INTO cur
      FROM (SELECT DISTINCT x FROM unnest(p_uuids) AS x) AS k
     CROSS JOIN LATERAL (SELECT uuid, version, counter FROM records WHERE member = s.m AND uuid = k.x OFFSET 0) AS r;
    -- the maps need the batch's own ops only when an op id or a record comes twice in it (rare:
    -- each update of a jsonb map copies it)
    repeats := (SELECT count(DISTINCT x) FROM unnest(p_ops) AS x) <> coalesce(cardinality(p_ops), 0)
            OR (SELECT count(DISTINCT x) FROM unnest(p_uuids) AS x) <> coalesce(cardinality(p_uuids), 0);
    FOR i IN 1 .. coalesce(cardinality(p_ops), 0) LOOP
        e := done -> p_ops[i];
        IF e IS NOT NULL THEN
            st := st || 'duplicate'::text;
            vs := vs || (e ->> 0)::bigint;
            cs := cs || (e ->> 1)::bigint;
            CONTINUE;
        END IF;
        e := cur -> p_uuids[i];
        v := coalesce((e ->> 0)::bigint, 0);
        at := coalesce((e ->> 1)::bigint, 0);
        IF v <> p_bases[i] THEN
            st := st || 'conflict'::text;
            vs := vs || v;
            cs := cs || at;
            CONTINUE;
        END IF;
        n_counter := n_counter + 1;
        IF repeats THEN
            cur := cur || jsonb_build_object(p_uuids[i], jsonb_build_array(v + 1, n_counter));
            done := done || jsonb_build_object(p_ops[i], jsonb_build_array(v + 1, n_counter));
        END IF;
        a_op := a_op || p_ops[i];
        a_u := a_u || p_uuids[i];
        a_v := a_v || (v + 1);
        a_c := a_c || n_counter;
        a_p := a_p || p_payloads[i];
        st := st || 'applied'::text;
        vs := vs || (v + 1);
        cs := cs || n_counter;
    END LOOP;
    IF n_counter <> n_start THEN
        -- each record's last version of this batch (a batch may carry several for one record)
        INSERT INTO records AS r (member, uuid, version, counter, payload, size, updated)
        SELECT DISTINCT ON (x.u) s.m, x.u, x.v, x.c, x.p, octet_length(x.p), p_now
          FROM unnest(a_u, a_v, a_c, a_p) AS x(u, v, c, p)
         ORDER BY x.u, x.c DESC
        ON CONFLICT (member, uuid) DO UPDATE
           SET version = excluded.version, counter = excluded.counter, payload = excluded.payload,
               size = excluded.size, updated = excluded.updated;
        INSERT INTO ops (member, op_id, uuid, version, counter)
        SELECT s.m, y.op, y.u, y.v, y.c FROM unnest(a_op, a_u, a_v, a_c) AS y(op, u, v, c);
        UPDATE members SET counter = n_counter WHERE id = s.m;
    END IF;
    UPDATE devices SET last_seen = p_now WHERE member = s.m AND id = s.d AND last_seen <= p_seen_before;
    RETURN QUERY SELECT NULL::text, s.m::text, n_counter <> n_start, st, vs, cs;
END
$fn$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PUSH_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS "
                   "paperless_push(text, bigint, text[], text[], bigint[], bytea[], bigint)")
