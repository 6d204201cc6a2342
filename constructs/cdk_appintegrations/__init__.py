"""AWS CDK L2 construct for Amazon AppIntegrations DataIntegration."""

from .config import FileConfiguration, ScheduleConfig
from .data_integration import DataIntegration
from .provider import DataIntegrationProvider
from .reference import IDataIntegration, ImportedDataIntegration
from .source import DataIntegrationSource, SourceKind

__version__ = "0.2.0"

__all__ = [
    "DataIntegration",
    "DataIntegrationProvider",
    "DataIntegrationSource",
    "FileConfiguration",
    "IDataIntegration",
    "ImportedDataIntegration",
    "ScheduleConfig",
    "SourceKind",
    "__version__",
]
