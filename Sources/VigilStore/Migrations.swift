import GRDB

/// The store's schema history.
///
/// Append-only: a migration that has landed is never edited, renamed or removed; a schema change is a new
/// `vN-...` migration registered after the others. Migrations speak SQL only, never the app's record types, so
/// they keep describing the past even when the Swift code moves on (GRDB `Migrations.md`).
enum Migrations {
    /// Every migration, in order.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-feeds-items-pages", migrate: v1)
        migrator.registerMigration("v2-articles-site-paragraphs", migrate: v2)
        migrator.registerMigration("v3-detections", migrate: v3)
        migrator.registerMigration("v4-incidents-alerts", migrate: v4)
        return migrator
    }()

    /// Feeds, their items and the items' fetched pages.
    ///
    /// Dates are GRDB's default encoding: UTC text `YYYY-MM-DD HH:MM:SS.SSS`, which sorts and compares as text.
    ///
    /// Item identity (per feed, enforced by unique indexes so that two racing writers cannot both insert):
    /// - the same `guid` is the same item;
    /// - the same `canonical_url` is the same item, whatever the guids: feeds that regenerate guids on every
    ///   build would otherwise store each article again and again. The cost is that two entries of one feed
    ///   pointing at one page (a live blog) are stored once; the first one wins.
    /// - without a guid, the same `content_hash` is the same item (with a guid, the guid is the better identity,
    ///   and an edited entry keeps its guid but changes its hash).
    private static func v1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE feeds (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    url TEXT NOT NULL UNIQUE,
                    name TEXT,
                    kind TEXT NOT NULL DEFAULT 'feed' CHECK (kind IN ('feed', 'inbox')),
                    active BOOLEAN NOT NULL DEFAULT 1,
                    etag TEXT,
                    last_modified TEXT,
                    last_polled_at DATETIME,
                    last_success_at DATETIME,
                    last_error_at DATETIME,
                    last_error TEXT,
                    last_status INTEGER,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    next_poll_at DATETIME,
                    created_at DATETIME NOT NULL
                );

                CREATE TABLE items (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    feed_id INTEGER NOT NULL REFERENCES feeds(id),
                    source TEXT,
                    guid TEXT,
                    link TEXT,
                    canonical_url TEXT,
                    content_hash TEXT NOT NULL CHECK (content_hash <> ''),
                    title TEXT,
                    summary TEXT,
                    content TEXT,
                    text TEXT,
                    author TEXT,
                    published DATETIME,
                    updated DATETIME,
                    tags TEXT NOT NULL DEFAULT '[]',
                    first_seen_at DATETIME NOT NULL,
                    wants_page BOOLEAN NOT NULL DEFAULT 0
                );
                CREATE UNIQUE INDEX items_feed_guid ON items(feed_id, guid) WHERE guid IS NOT NULL;
                CREATE UNIQUE INDEX items_feed_canonical_url ON items(feed_id, canonical_url)
                    WHERE canonical_url IS NOT NULL;
                CREATE UNIQUE INDEX items_feed_content_hash ON items(feed_id, content_hash) WHERE guid IS NULL;
                CREATE INDEX items_feed_first_seen ON items(feed_id, first_seen_at);
                CREATE INDEX items_first_seen ON items(first_seen_at);
                CREATE INDEX items_source ON items(source) WHERE source IS NOT NULL;

                CREATE TABLE item_pages (
                    item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
                    url TEXT NOT NULL,
                    final_url TEXT,
                    status INTEGER,
                    content_type TEXT,
                    fetched_at DATETIME,
                    body BLOB,
                    body_encoding TEXT CHECK (body_encoding IN ('gzip')),
                    body_size INTEGER,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_attempt_at DATETIME,
                    last_error TEXT,
                    done BOOLEAN NOT NULL DEFAULT 0
                );
                CREATE INDEX item_pages_pending ON item_pages(item_id) WHERE done = 0;
                """)
    }

    /// Articles extracted from stored pages, and per-site paragraph counts for boilerplate detection.
    ///
    /// `item_articles` keeps the extractor's version so that pages extracted by an older version are redone.
    /// `site_paragraphs` counts, per site (host), on how many pages each paragraph (by hash) appeared; a
    /// paragraph seen on many pages of one site is boilerplate ("Follow us on...", disclaimers).
    private static func v2(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE item_articles (
                    item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
                    extractor_version INTEGER NOT NULL,
                    extracted_at DATETIME NOT NULL,
                    canonical_url TEXT,
                    title TEXT,
                    text TEXT NOT NULL,
                    author TEXT,
                    published DATETIME,
                    published_utc_offset INTEGER,
                    modified DATETIME,
                    language TEXT,
                    site_name TEXT,
                    summary TEXT,
                    problems TEXT NOT NULL DEFAULT '[]'
                );
                CREATE INDEX item_articles_version ON item_articles(extractor_version);

                CREATE TABLE site_paragraphs (
                    site TEXT NOT NULL,
                    hash INTEGER NOT NULL,
                    pages INTEGER NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    PRIMARY KEY (site, hash)
                ) WITHOUT ROWID;
                """)
    }

    /// Detection results, one per item, with the detector version; the main fields are columns for queries and
    /// the whole result is kept as JSON. An item's detection is dropped when its article is extracted again, so
    /// that it is analysed again with the new text.
    private static func v3(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE item_detections (
                    item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
                    detector_version INTEGER NOT NULL,
                    analyzed_at DATETIME NOT NULL,
                    is_incident BOOLEAN NOT NULL,
                    kind TEXT NOT NULL,
                    confidence REAL NOT NULL,
                    event_type TEXT,
                    actor TEXT,
                    country TEXT,
                    place TEXT,
                    killed INTEGER,
                    wounded INTEGER,
                    event_date TEXT,
                    result TEXT NOT NULL
                );
                CREATE INDEX item_detections_version ON item_detections(detector_version);
                CREATE INDEX item_detections_incidents ON item_detections(event_date) WHERE is_incident;
                """)
    }

    /// Incidents (reports merged), which item went into which incident, the alert engine's state, and the alert
    /// outbox with each sink's delivery mark. Tallies are counts over `incidents` by event day.
    private static func v4(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE incidents (
                    id TEXT PRIMARY KEY,
                    country TEXT,
                    actor TEXT,
                    event_type TEXT,
                    event_day INTEGER NOT NULL,
                    killed INTEGER,
                    reports INTEGER NOT NULL,
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL,
                    incident TEXT NOT NULL
                );
                CREATE INDEX incidents_day ON incidents(event_day);
                CREATE INDEX incidents_country_day ON incidents(country, event_day);
                CREATE INDEX incidents_actor_day ON incidents(actor, event_day);

                CREATE TABLE item_reports (
                    item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
                    incident_id TEXT REFERENCES incidents(id),
                    processed_at DATETIME NOT NULL
                );
                CREATE INDEX item_reports_incident ON item_reports(incident_id);

                CREATE TABLE alert_engine (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    state TEXT NOT NULL,
                    updated_at DATETIME NOT NULL
                );

                CREATE TABLE alert_outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    alert_id TEXT NOT NULL,
                    record TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );

                CREATE TABLE alert_deliveries (
                    sink TEXT PRIMARY KEY,
                    seq INTEGER NOT NULL
                );
                """)
    }
}
