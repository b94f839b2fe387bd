"""Alembic is the only way the schema is made: one head; upgrade, downgrade, upgrade."""
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from innovation import create_app
from innovation.config import TestConfig
from innovation.extensions import db

from .conftest import TEST_DATABASE_URL


def test_single_head(app):
    config = app.extensions["migrate"].migrate.get_config(app.extensions["migrate"].directory)
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_upgrade_downgrade_upgrade(tmp_path, redis_url):
    url = TEST_DATABASE_URL or f"sqlite:///{tmp_path / 'migrate.db'}"
    app = create_app(TestConfig(str(tmp_path / "instance"), url, redis_url))
    with app.app_context():
        upgrade()
        assert "users" in inspect(db.engine).get_table_names()
        downgrade(revision="base")
        assert "users" not in inspect(db.engine).get_table_names()
        upgrade()
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
        db.engine.dispose()
