"""PostgreSQL full text: for several web nodes sharing one database (SEARCH_BACKEND=postgres).
Documents live in `search_documents` with a weighted tsvector (title A, tags B, body D) under
a GIN index; every value reaches SQL as a bound parameter, never as query syntax."""

from sqlalchemy import Select, text
from sqlalchemy.dialects.postgresql.base import PGDialect

from ..extensions import db
from .documents import KINDS, Document
from .index import MARK_END, MARK_START, SearchBackend, SearchHits, SearchRequest, marked_html, similarity_groups
from .text import ParsedQuery, single_edits

VECTOR = (
    "setweight(to_tsvector('english', :title), 'A') || setweight(to_tsvector('english', :tags), 'B')"
    " || setweight(to_tsvector('english', :body), 'D')"
)
UPSERT = text(f"""
    INSERT INTO search_documents (kind, ref_id, audience, status, constituency, tags, title, body, author_id,
                                  idea_id, document)
    VALUES (:kind, :ref_id, :audience, :status, :constituency, :tags, :title, :body, :author_id, :idea_id, {VECTOR})
    ON CONFLICT (kind, ref_id) DO UPDATE SET audience = excluded.audience, status = excluded.status,
        constituency = excluded.constituency, tags = excluded.tags, title = excluded.title, body = excluded.body,
        author_id = excluded.author_id, idea_id = excluded.idea_id, document = excluded.document""")
LEARN_WORDS = text("""
    INSERT INTO search_lexemes (lexeme)
    SELECT DISTINCT unnest(tsvector_to_array(document)) FROM search_documents
    WHERE kind = :kind AND ref_id = ANY(:ids) ON CONFLICT DO NOTHING""")
HEADLINE = 'StartSel=\x02, StopSel=\x03, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "'
TITLE_HEADLINE = "StartSel=\x02, StopSel=\x03, HighlightAll=true"
TAG_FACET_SIZE = 15
# One pass over the matches counts the total and both small facets (GROUPING tells the rows
# apart: 1 = a status, 2 = a constituency, 3 = everything); tags are split row by row.
COUNT_COLUMNS = ", (SELECT count(*) FROM m) AS total"
FACET_COLUMNS = f""",
    (SELECT json_agg(json_build_array(g.grouping, g.value, g.n)) FROM (
        SELECT GROUPING(status, constituency) AS grouping, COALESCE(status, constituency) AS value, count(*) AS n
        FROM m GROUP BY GROUPING SETS ((status), (constituency), ())) g) AS groups,
    (SELECT json_agg(json_build_array(t.tag, t.n) ORDER BY t.n DESC, t.tag)
     FROM (SELECT tag, count(*) AS n FROM (SELECT unnest(string_to_array(NULLIF(m.tags, ''), ' ')) AS tag FROM m) u
           GROUP BY tag ORDER BY n DESC, tag LIMIT {TAG_FACET_SIZE}) t) AS tag"""
GROUPING_FACETS = {1: "status", 2: "constituency"}
# Compiles the live-visibility SELECT with `:name` parameters, as text() reads them.
NAMED_PARAMETERS = PGDialect(paramstyle="named")


def kind_of(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return kind


def live_rows_sql(visible: Select | None, params: dict, column: str = "d.ref_id") -> str:
    """`AND <column> IN (…)` over the live rows the reader may see (empty without a rule): the
    same statement as the join of the ideas' visibility helpers, its values bound under their
    own names in `params`, so a document whose row changed since indexing is never counted."""
    if visible is None:
        return ""
    compiled = visible.compile(dialect=NAMED_PARAMETERS)
    if clash := params.keys() & compiled.params.keys():
        raise ValueError(f"parameter names used twice: {sorted(clash)}")
    params.update(compiled.params)
    return f" AND {column} IN ({compiled})"


def tsquery_literal(lexeme: str) -> str:
    """A lexeme as a quoted tsquery operand (quotes and backslashes escaped)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresBackend(SearchBackend):
    name = "postgres"

    def _params(self, kind: str, doc: Document) -> dict:
        return {
            "kind": kind,
            "ref_id": doc.ref_id,
            "audience": doc.audience,
            "status": doc.status,
            "constituency": doc.constituency,
            "tags": " ".join(doc.tags),
            "title": doc.title,
            "body": doc.body,
            "author_id": doc.author_id,
            "idea_id": doc.idea_id,
        }

    def add(self, kind: str, docs: list[Document]) -> None:
        if docs:
            db.session.execute(UPSERT, [self._params(kind, doc) for doc in docs])
            db.session.execute(LEARN_WORDS, {"kind": kind, "ids": [doc.ref_id for doc in docs]})

    def remove(self, kind: str, ids: list[int]) -> None:
        if ids:
            db.session.execute(
                text("DELETE FROM search_documents WHERE kind = :kind AND ref_id = ANY(:ids)"),
                {"kind": kind, "ids": list(ids)},
            )

    def rebuild(self, kind: str, batches, progress=None) -> int:
        # One transaction: readers keep seeing the old documents until the caller commits.
        db.session.execute(text("DELETE FROM search_documents WHERE kind = :kind"), {"kind": kind})
        written = 0
        for docs in batches:
            if docs:
                db.session.execute(UPSERT, [self._params(kind, doc) for doc in docs])
            written += len(docs)
            if progress:
                progress(len(docs))
        db.session.execute(
            text("""
            INSERT INTO search_lexemes (lexeme)
            SELECT DISTINCT unnest(tsvector_to_array(document)) FROM search_documents WHERE kind = :kind
            ON CONFLICT DO NOTHING"""),
            {"kind": kind},
        )
        return written

    def count(self, kind: str) -> int:
        return db.session.scalar(text("SELECT count(*) FROM search_documents WHERE kind = :kind"), {"kind": kind})

    # --- queries -------------------------------------------------------------------------
    def _corrections(self, word: str) -> list[str] | None:
        """None when the word is known (or a stop word); else the known stems one typo away."""
        known = db.session.execute(
            text("""
            SELECT count(*) AS stems, count(l.lexeme) AS known
            FROM unnest(tsvector_to_array(to_tsvector('english', :word))) AS w(stem)
            LEFT JOIN search_lexemes l ON l.lexeme = w.stem"""),
            {"word": word},
        ).one()
        if known.stems == 0 or known.known > 0:
            return None
        return list(
            db.session.scalars(
                text("""
            SELECT DISTINCT l.lexeme FROM unnest(CAST(:candidates AS text[])) AS c(word)
            JOIN search_lexemes l ON l.lexeme = (ts_lexize('english_stem', c.word))[1]
            ORDER BY l.lexeme LIMIT 8"""),
                {"candidates": sorted(single_edits(word))},
            )
        )

    def _tsquery(self, parsed: ParsedQuery, forgive_typos: bool) -> tuple[str | None, dict, bool]:
        parts, params, corrected = [], {}, False
        for i, word in enumerate(parsed.words):
            fixes = self._corrections(word) if forgive_typos else None
            if fixes:
                corrected = True
                params[f"fix{i}"] = " | ".join(tsquery_literal(lexeme) for lexeme in fixes)
                parts.append(f"CAST(:fix{i} AS tsquery)")
            else:
                params[f"w{i}"] = word
                parts.append(f"plainto_tsquery('english', :w{i})")
        for i, phrase in enumerate(parsed.phrases):
            params[f"p{i}"] = " ".join(phrase)
            parts.append(f"phraseto_tsquery('english', :p{i})")
        if not parts:
            return None, params, corrected
        expression = " && ".join(parts)
        for i, word in enumerate(parsed.excluded):
            params[f"x{i}"] = word
            expression += f" && !! plainto_tsquery('english', :x{i})"
        return expression, params, corrected

    @staticmethod
    def _where(request: SearchRequest, params: dict) -> str:
        # The kind is a literal (from a fixed list), so the planner picks that kind's partial index.
        params["audiences"] = list(request.audiences)
        where = [f"d.kind = '{kind_of(request.kind)}'", "d.audience = ANY(:audiences)", "d.document @@ q.query"]
        if request.filters.get("status"):
            params["f_status"] = request.filters["status"]
            where.append("d.status = :f_status")
        if request.filters.get("constituency"):
            params["f_constituency"] = request.filters["constituency"]
            where.append("d.constituency = :f_constituency")
        if request.filters.get("tag"):
            params["f_tag"] = request.filters["tag"]
            where.append(":f_tag = ANY(string_to_array(d.tags, ' '))")
        return " AND ".join(where)

    def query(self, request: SearchRequest) -> SearchHits:
        if request.query.empty:
            return SearchHits(ids=[], total=0)
        hits = self._run(request, forgive_typos=False)
        if hits.total == 0 and request.query.words:
            # Only a correction that finds something the reader may see is shown: the vocabulary
            # also holds words of content the reader may not see.
            corrected = self._run(request, forgive_typos=True)
            hits = corrected if corrected.total else hits
        return hits

    def _run(self, request: SearchRequest, forgive_typos: bool) -> SearchHits:
        expression, params, corrected = self._tsquery(request.query, forgive_typos)
        if expression is None or (forgive_typos and not corrected):
            return SearchHits(ids=[], total=0)
        where = self._where(request, params)
        # Ranked first, then kept only where the live row is readable (a semi-join on the ids):
        # the join never has to carry the documents' vectors.
        live = live_rows_sql(request.visible, params, column="found.ref_id")
        words = request.query.words
        params.update(
            near=" ".join(words) if len(words) > 1 and not request.query.phrases else "",
            limit=request.limit,
            offset=request.offset,
        )
        # One pass over the matches feeds the page, the total and every facet.
        row = db.session.execute(
            text(f"""
            WITH q AS (SELECT {expression} AS query,
                              CASE WHEN :near = '' THEN NULL ELSE phraseto_tsquery('english', :near) END AS near),
            found AS MATERIALIZED (
                SELECT d.ref_id, d.status, d.constituency, d.tags,
                       ts_rank(d.document, q.query) * (CASE WHEN d.document @@ q.near THEN 2 ELSE 1 END) AS rank
                FROM search_documents d, q WHERE {where}),
            m AS MATERIALIZED (SELECT * FROM found WHERE true{live})
            SELECT (SELECT json_agg(json_build_array(p.ref_id, p.rank) ORDER BY p.rank DESC, p.ref_id DESC)
                    FROM (SELECT ref_id, rank FROM m ORDER BY rank DESC, ref_id DESC LIMIT :limit OFFSET :offset) p)
                    AS page
                   {FACET_COLUMNS if request.facets else COUNT_COLUMNS}"""),
            params,
        ).one()
        pairs = row.page or []
        hits = SearchHits(
            ids=[int(ref_id) for ref_id, _rank in pairs],
            total=0,
            corrected=corrected,
            scores={int(ref_id): round(float(rank), 4) for ref_id, rank in pairs},
        )
        if request.facets:
            self._read_facets(hits, row)
        else:
            hits.total = row.total
        if request.highlights and hits.ids:
            self._highlights(hits, expression, params, request.kind)
        return hits

    @staticmethod
    def _read_facets(hits: SearchHits, row) -> None:
        counted = {name: [] for name in GROUPING_FACETS.values()}
        for grouping, value, n in row.groups or []:
            if grouping in GROUPING_FACETS:
                if value:
                    counted[GROUPING_FACETS[grouping]].append((value, n))
            else:
                hits.total = n
        hits.facets = {name: sorted(pairs, key=lambda pair: (-pair[1], pair[0])) for name, pairs in counted.items()}
        hits.facets["tag"] = [(value, n) for value, n in row.tag or [] if value]

    def _highlights(self, hits: SearchHits, expression: str, params: dict, kind: str) -> None:
        rows = db.session.execute(
            text(f"""
            WITH q AS (SELECT {expression} AS query)
            SELECT d.ref_id, ts_headline('english', d.title, q.query, :title_options) AS title,
                   ts_headline('english', d.body, q.query, :body_options) AS body
            FROM search_documents d, q WHERE d.kind = :kind AND d.ref_id = ANY(:ids)"""),
            {**params, "kind": kind, "ids": hits.ids, "title_options": TITLE_HEADLINE, "body_options": HEADLINE},
        ).all()
        for row in rows:
            hits.highlights[row.ref_id] = {
                name: marked_html(value)
                for name, value in (("title", row.title), ("body", row.body))
                if value and MARK_START in value and MARK_END in value
            }

    def similar(self, title: str, body: str, audiences, *, visible=None, exclude_id=None, limit=5):
        lexemes = list(
            db.session.scalars(
                text("SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('english', :title)))"), {"title": title}
            )
        )
        groups = similarity_groups(lexemes)
        if not groups:
            return []
        # Only ideas whose title (weight A) holds every word of at least one group qualify: GIN
        # intersects those posting lists instead of ranking every idea sharing one common word.
        params = {
            "groups": " | ".join(
                "(" + " & ".join(tsquery_literal(lx) + ":A" for lx in group) + ")" for group in groups
            ),
            "any_word": " | ".join(tsquery_literal(lx) for lx in {lx for group in groups for lx in group}),
            "audiences": list(audiences),
            "exclude": exclude_id or 0,
            "limit": limit,
        }
        live = live_rows_sql(visible, params)
        rows = db.session.execute(
            text(f"""
            WITH q AS (SELECT CAST(:groups AS tsquery) AS query, CAST(:any_word AS tsquery) AS ranking)
            SELECT d.ref_id, ts_rank(d.document, q.ranking) AS rank FROM search_documents d, q
            WHERE d.kind = 'ideas' AND d.audience = ANY(:audiences) AND d.document @@ q.query
              AND d.ref_id <> :exclude{live}
            ORDER BY rank DESC, d.ref_id DESC LIMIT :limit"""),
            params,
        ).all()
        return [(row.ref_id, round(float(row.rank), 4)) for row in rows]
