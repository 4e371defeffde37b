-- Field verification, appraisal and spot checks (DOMAIN.md §10, §12).
-- The parts an appraisal grades and what each grade looks like are data
-- (the 2019 导则's component checklist), not code.
CREATE TABLE appraisal_parts (
  key     TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  sort    INTEGER NOT NULL,
  grade_a TEXT NOT NULL,
  grade_b TEXT NOT NULL,
  grade_c TEXT NOT NULL,
  grade_d TEXT NOT NULL
);
INSERT INTO appraisal_parts VALUES
 ('foundation', '地基基础', 1, '地基基础稳固，无不均匀沉降', '基础埋深略浅，有轻微不均匀沉降', '基础埋深过浅，有明显不均匀沉降', '地基不稳定，基础局部或整体塌陷'),
 ('walls', '承重墙体', 2, '砌筑质量好，无裂缝、剥落、倾斜', '砌筑质量一般或较差，有轻微开裂或剥落', '砌筑质量很差，多处裂缝、严重剥落，纵横墙脱开，个别墙体倾斜', '墙体严重开裂、严重倾斜，局部倒塌或有倒塌危险'),
 ('timber_frame', '木柱梁檩', 3, '无腐朽虫蛀，无变形，仅有轻微干缩裂缝', '轻微腐朽、轻微变形，干缩裂缝深度超过直径的1/6', '明显腐朽，跨中明显下挠或横纹裂缝，端部劈裂，柱明显倾斜，裂缝深度超过1/4，榫卯损坏或拔榫', '严重腐朽、严重开裂、严重倾斜或移位，裂缝深度超过1/3，多处榫卯失效或拔出'),
 ('timber_truss', '木屋架', 4, '无腐朽、无变形，稳定', '轻微腐朽或变形，稳定性较差', '明显腐朽，下弦横纹开裂，支座移位或松动，明显平面内外倾斜，节点损坏', '上述情况严重，支座失效'),
 ('concrete_frame', '混凝土梁柱', 5, '无剥落、裂缝、变形', '轻微剥落或开裂', '严重剥落，明显开裂或变形', '严重剥落且钢筋外露，严重开裂或变形'),
 ('roof', '楼屋盖', 6, '无变形、无渗漏，椽瓦完好', '局部轻微下沉，少量渗漏，部分瓦件损坏', '较大面积下沉或渗漏，部分椽瓦损坏', '大面积渗漏，椽瓦严重损坏');

-- A county's spot-check draw: who, when, seed and parameters.
CREATE TABLE samples (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  county_code TEXT NOT NULL,
  seed        INTEGER NOT NULL,
  params      TEXT NOT NULL,  -- {"count": N} or {"share": P}
  households  INTEGER NOT NULL,
  drawn_by    TEXT NOT NULL,
  drawn_at    TEXT NOT NULL
);

CREATE TABLE field_tasks (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  household_id  TEXT NOT NULL,
  region_code   TEXT NOT NULL,
  origin        TEXT NOT NULL,  -- judgment | sample
  sample_id     INTEGER REFERENCES samples(id),
  status        TEXT NOT NULL,  -- open | visited | closed | cancelled
  assignee      TEXT NOT NULL DEFAULT '',
  due_on        TEXT,
  closed_reason TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT NOT NULL
);
-- At most one task a household is working on.
CREATE UNIQUE INDEX field_tasks_active ON field_tasks(household_id) WHERE status IN ('open', 'visited');
CREATE INDEX field_tasks_region ON field_tasks(region_code, status);
CREATE INDEX field_tasks_assignee ON field_tasks(assignee, status);
CREATE INDEX field_tasks_sample ON field_tasks(sample_id);

CREATE TABLE visits (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id      INTEGER NOT NULL REFERENCES field_tasks(id),
  household_id TEXT NOT NULL,
  visited_on   TEXT NOT NULL,
  lon          REAL,
  lat          REAL,
  gps_source   TEXT NOT NULL DEFAULT '',  -- device | manual | ''
  people_met   TEXT NOT NULL DEFAULT '',
  notes        TEXT NOT NULL DEFAULT '',
  outcome      TEXT NOT NULL,
  evidence_id  TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX visits_task ON visits(task_id);

CREATE TABLE appraisals (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id         INTEGER NOT NULL REFERENCES field_tasks(id),
  household_id    TEXT NOT NULL,
  parcel_id       TEXT NOT NULL DEFAULT '',
  site_dangerous  INTEGER NOT NULL,
  site_hazard     TEXT NOT NULL DEFAULT '',
  parts           TEXT NOT NULL,  -- [{"part","grade"|null,"note"}]
  computed_grade  TEXT NOT NULL,
  override_grade  TEXT,
  override_reason TEXT NOT NULL DEFAULT '',
  grade           TEXT NOT NULL,
  prevention      TEXT NOT NULL,
  method          TEXT NOT NULL,
  appraiser       TEXT NOT NULL,
  appraised_on    TEXT NOT NULL,
  evidence_id     TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL
);
CREATE INDEX appraisals_task ON appraisals(task_id);

-- Photos and report files, stored on disk by content hash.
CREATE TABLE attachments (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id      INTEGER NOT NULL REFERENCES field_tasks(id),
  kind         TEXT NOT NULL,  -- photo | report
  sha256       TEXT NOT NULL,
  mime         TEXT NOT NULL,
  bytes        INTEGER NOT NULL,
  file_name    TEXT NOT NULL DEFAULT '',
  taken_at     TEXT,
  lon          REAL,
  lat          REAL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX attachments_task ON attachments(task_id);
