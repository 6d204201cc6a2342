"""AWS CDK L2 construct for Amazon AppIntegrations DataIntegration."""

from .config import FileConfiguration, ScheduleConfig
from .data_integration import DataIntegration
from .knowledge_base import AssistantOptions, KnowledgeBase
from .provider import DataIntegrationProvider
from .reference import IDataIntegration, ImportedDataIntegration
from .source import DataIntegrationSource, SourceKind

__version__ = "0.3.0"

__all__ = [
    "AssistantOptions",
    "DataIntegration",
    "DataIntegrationProvider",
    "DataIntegrationSource",
    "FileConfiguration",
    "IDataIntegration",
    "ImportedDataIntegration",
    "KnowledgeBase",
    "ScheduleConfig",
    "SourceKind",
    "__version__",
]
