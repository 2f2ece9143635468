-- SMEs and the machines allowed to report telemetry for them.
CREATE TABLE sme (
    sme_id     VARCHAR(128) PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    industry   VARCHAR(100) NOT NULL,
    region     VARCHAR(100) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE machine (
    sme_id     VARCHAR(128) NOT NULL REFERENCES sme (sme_id) ON DELETE CASCADE,
    machine_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (sme_id, machine_id)
);

-- Demo SMEs used by the simulator, the demo and the end-to-end tests.
INSERT INTO sme (sme_id, name, industry, region) VALUES
    ('sme-001', 'Northern Steelworks',    'metal-fabrication', 'north'),
    ('sme-002', 'Southside Plastics',     'plastics',          'south'),
    ('sme-003', 'Eastfield Foods',        'food-processing',   'east'),
    ('sme-004', 'Northbank Textiles',     'textiles',          'north'),
    ('sme-005', 'Southgate Electronics',  'electronics',       'south');

INSERT INTO machine (sme_id, machine_id)
SELECT s.sme_id, m.machine_id
FROM sme s CROSS JOIN (VALUES ('m-1'), ('m-2'), ('m-3')) AS m (machine_id);
