"""AWS CDK L2 construct for Amazon AppIntegrations DataIntegration."""

from cdk_appintegrations_handler.source_uri import SourceKind

from .config import FileConfiguration, ScheduleConfig
from .data_integration import DataIntegration
from .knowledge_base import AssistantOptions, KnowledgeBase
from .knowledge_base_reference import IKnowledgeBase, ImportedKnowledgeBase
from .provider import DataIntegrationProvider
from .reference import DataIntegrationBase, IDataIntegration, ImportedDataIntegration
from .source import DataIntegrationSource

__version__ = "0.3.0"

__all__ = [
    "AssistantOptions",
    "DataIntegration",
    "DataIntegrationBase",
    "DataIntegrationProvider",
    "DataIntegrationSource",
    "FileConfiguration",
    "IDataIntegration",
    "IKnowledgeBase",
    "ImportedDataIntegration",
    "ImportedKnowledgeBase",
    "KnowledgeBase",
    "ScheduleConfig",
    "SourceKind",
    "__version__",
]
