-- Field verification, appraisal and spot checks: the PostgreSQL dialect of
-- sqlite/migrations/0010 (see there).
CREATE TABLE appraisal_parts (
  key     text PRIMARY KEY,
  name    text NOT NULL,
  sort    integer NOT NULL,
  grade_a text NOT NULL,
  grade_b text NOT NULL,
  grade_c text NOT NULL,
  grade_d text NOT NULL
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
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_code text NOT NULL,
  seed        bigint NOT NULL,
  params      text NOT NULL,  -- {"count": N} or {"share": P}
  households  integer NOT NULL,
  drawn_by    text NOT NULL,
  drawn_at    timestamptz NOT NULL
);

CREATE TABLE field_tasks (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  household_id  text NOT NULL,
  region_code   text NOT NULL,
  origin        text NOT NULL,  -- judgment | sample
  sample_id     bigint REFERENCES samples(id),
  status        text NOT NULL,  -- open | visited | closed | cancelled
  assignee      text NOT NULL DEFAULT '',
  due_on        date,
  closed_reason text NOT NULL DEFAULT '',
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  updated_by    text NOT NULL
);
-- At most one task a household is working on.
CREATE UNIQUE INDEX field_tasks_active ON field_tasks(household_id) WHERE status IN ('open', 'visited');
CREATE INDEX field_tasks_region ON field_tasks(region_code, status);
CREATE INDEX field_tasks_assignee ON field_tasks(assignee, status);
CREATE INDEX field_tasks_sample ON field_tasks(sample_id);

CREATE TABLE visits (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id      bigint NOT NULL REFERENCES field_tasks(id),
  household_id text NOT NULL,
  visited_on   date NOT NULL,
  lon          double precision,
  lat          double precision,
  gps_source   text NOT NULL DEFAULT '',  -- device | manual | ''
  people_met   text NOT NULL DEFAULT '',
  notes        text NOT NULL DEFAULT '',
  outcome      text NOT NULL,
  evidence_id  text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL,
  created_by   text NOT NULL
);
CREATE INDEX visits_task ON visits(task_id);

CREATE TABLE appraisals (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id         bigint NOT NULL REFERENCES field_tasks(id),
  household_id    text NOT NULL,
  parcel_id       text NOT NULL DEFAULT '',
  site_dangerous  integer NOT NULL,
  site_hazard     text NOT NULL DEFAULT '',
  parts           text NOT NULL,  -- [{"part","grade"|null,"note"}]
  computed_grade  text NOT NULL,
  override_grade  text,
  override_reason text NOT NULL DEFAULT '',
  grade           text NOT NULL,
  prevention      text NOT NULL,
  method          text NOT NULL,
  appraiser       text NOT NULL,
  appraised_on    date NOT NULL,
  evidence_id     text NOT NULL,
  created_at      timestamptz NOT NULL,
  created_by      text NOT NULL
);
CREATE INDEX appraisals_task ON appraisals(task_id);

-- Photos and report files, stored on disk by content hash.
CREATE TABLE attachments (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id      bigint NOT NULL REFERENCES field_tasks(id),
  kind         text NOT NULL,  -- photo | report
  sha256       text NOT NULL,
  mime         text NOT NULL,
  bytes        integer NOT NULL,
  file_name    text NOT NULL DEFAULT '',
  taken_at     timestamptz,
  lon          double precision,
  lat          double precision,
  created_at   timestamptz NOT NULL,
  created_by   text NOT NULL
);
CREATE INDEX attachments_task ON attachments(task_id);
