import { StatusCell as StatusCell_6e2eabe2587a6bd86683328851f0f8f1 } from '../../../../src/components/FleetCells'
import { StatusTransitions as StatusTransitions_f0ba1b2dfae8adaaee1f25a17f1aee00 } from '../../../../src/components/StatusTransitions'
import { PumpDateCell as PumpDateCell_05657e6f99bd4ae91bcd7337b06111e1 } from '../../../../src/components/PumpDateField'
import { PumpDateField as PumpDateField_05657e6f99bd4ae91bcd7337b06111e1 } from '../../../../src/components/PumpDateField'
import { TelemetryPanel as TelemetryPanel_638452d68567a209924c907e6526ddc5 } from '../../../../src/components/TelemetryPanel'
import { OnlineCell as OnlineCell_a381067c5f285877550692d1728f5f10 } from '../../../../src/components/OnlineCell'
import { OnlineField as OnlineField_a381067c5f285877550692d1728f5f10 } from '../../../../src/components/OnlineCell'
import { LastDataCell as LastDataCell_6e2eabe2587a6bd86683328851f0f8f1 } from '../../../../src/components/FleetCells'
import { ActiveAlarmsField as ActiveAlarmsField_9980c25a718a5b4e3f011c78711597ea } from '../../../../src/components/ActiveAlarmsField'
import { LiveTextField as LiveTextField_011b10c04ddbed7a2ac8b23aed4eaec0 } from '../../../../src/components/LiveTextField'
import { ManualLinkField as ManualLinkField_28563019df1c84910b50c58039db6808 } from '../../../../src/components/ManualLinkField'
import { SelectedToBatch as SelectedToBatch_9cd2e0c05f5c55a0e0a8b6c90b91b84b } from '../../../../src/components/factory/SelectedToBatch'
import { EventDataField as EventDataField_2187ae2cf5ac5fb50cb9001967215dba } from '../../../../src/components/EventDataField'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { QueryPresetsAccessCell as QueryPresetsAccessCell_2b8867833a34864a02ddf429b0728a40 } from '@payloadcms/next/client'
import { QueryPresetsWhereCell as QueryPresetsWhereCell_2b8867833a34864a02ddf429b0728a40 } from '@payloadcms/next/client'
import { QueryPresetsWhereField as QueryPresetsWhereField_2b8867833a34864a02ddf429b0728a40 } from '@payloadcms/next/client'
import { QueryPresetsColumnsCell as QueryPresetsColumnsCell_2b8867833a34864a02ddf429b0728a40 } from '@payloadcms/next/client'
import { QueryPresetsColumnField as QueryPresetsColumnField_2b8867833a34864a02ddf429b0728a40 } from '@payloadcms/next/client'
import { QueryPresetsGroupByCell as QueryPresetsGroupByCell_2b8867833a34864a02ddf429b0728a40 } from '@payloadcms/next/client'
import { QueryPresetsGroupByField as QueryPresetsGroupByField_2b8867833a34864a02ddf429b0728a40 } from '@payloadcms/next/client'
import { RegisterPumpNavLink as RegisterPumpNavLink_031c591fb578eb92ac5aafb043f4374b } from '../../../../src/components/RegisterPumpNavLink'
import { AlarmConsoleNavLink as AlarmConsoleNavLink_8b1de4b8f664d3f0a70567d1dc604b4d } from '../../../../src/components/AlarmConsoleNavLink'
import { FactoryNavLink as FactoryNavLink_d8c4763de469206e3c976d9ddd3c9bdd } from '../../../../src/components/factory/FactoryNavLink'
import { PartnerFirstAction as PartnerFirstAction_dd3569cad8bbe1acab92bd3240ccda35 } from '../../../../src/components/PartnerFirstAction'
import { FleetDashboard as FleetDashboard_da1f846b4d665ad2f8ceb3e1c4e66d0f } from '../../../../src/components/FleetDashboard'
import { ContentLocale as ContentLocale_5a5ef9c6485573bce6f23c5f123398c0 } from '../../../../src/components/ContentLocale'
import { RegisterPumpView as RegisterPumpView_6c6d39b0fbdcfa1cd5406dc1a014556f } from '../../../../src/components/RegisterPumpView'
import { AlarmConsoleView as AlarmConsoleView_e018731778efc31c30abac40826c14c7 } from '../../../../src/components/AlarmConsoleView'
import { FactoryView as FactoryView_b69cd5f54bf6326dc345e28df9d3daab } from '../../../../src/components/factory/FactoryView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/src/components/FleetCells#StatusCell": StatusCell_6e2eabe2587a6bd86683328851f0f8f1,
  "/src/components/StatusTransitions#StatusTransitions": StatusTransitions_f0ba1b2dfae8adaaee1f25a17f1aee00,
  "/src/components/PumpDateField#PumpDateCell": PumpDateCell_05657e6f99bd4ae91bcd7337b06111e1,
  "/src/components/PumpDateField#PumpDateField": PumpDateField_05657e6f99bd4ae91bcd7337b06111e1,
  "/src/components/TelemetryPanel#TelemetryPanel": TelemetryPanel_638452d68567a209924c907e6526ddc5,
  "/src/components/OnlineCell#OnlineCell": OnlineCell_a381067c5f285877550692d1728f5f10,
  "/src/components/OnlineCell#OnlineField": OnlineField_a381067c5f285877550692d1728f5f10,
  "/src/components/FleetCells#LastDataCell": LastDataCell_6e2eabe2587a6bd86683328851f0f8f1,
  "/src/components/ActiveAlarmsField#ActiveAlarmsField": ActiveAlarmsField_9980c25a718a5b4e3f011c78711597ea,
  "/src/components/LiveTextField#LiveTextField": LiveTextField_011b10c04ddbed7a2ac8b23aed4eaec0,
  "/src/components/ManualLinkField#ManualLinkField": ManualLinkField_28563019df1c84910b50c58039db6808,
  "/src/components/factory/SelectedToBatch#SelectedToBatch": SelectedToBatch_9cd2e0c05f5c55a0e0a8b6c90b91b84b,
  "/src/components/EventDataField#EventDataField": EventDataField_2187ae2cf5ac5fb50cb9001967215dba,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/next/client#QueryPresetsAccessCell": QueryPresetsAccessCell_2b8867833a34864a02ddf429b0728a40,
  "@payloadcms/next/client#QueryPresetsWhereCell": QueryPresetsWhereCell_2b8867833a34864a02ddf429b0728a40,
  "@payloadcms/next/client#QueryPresetsWhereField": QueryPresetsWhereField_2b8867833a34864a02ddf429b0728a40,
  "@payloadcms/next/client#QueryPresetsColumnsCell": QueryPresetsColumnsCell_2b8867833a34864a02ddf429b0728a40,
  "@payloadcms/next/client#QueryPresetsColumnField": QueryPresetsColumnField_2b8867833a34864a02ddf429b0728a40,
  "@payloadcms/next/client#QueryPresetsGroupByCell": QueryPresetsGroupByCell_2b8867833a34864a02ddf429b0728a40,
  "@payloadcms/next/client#QueryPresetsGroupByField": QueryPresetsGroupByField_2b8867833a34864a02ddf429b0728a40,
  "/src/components/RegisterPumpNavLink#RegisterPumpNavLink": RegisterPumpNavLink_031c591fb578eb92ac5aafb043f4374b,
  "/src/components/AlarmConsoleNavLink#AlarmConsoleNavLink": AlarmConsoleNavLink_8b1de4b8f664d3f0a70567d1dc604b4d,
  "/src/components/factory/FactoryNavLink#FactoryNavLink": FactoryNavLink_d8c4763de469206e3c976d9ddd3c9bdd,
  "/src/components/PartnerFirstAction#PartnerFirstAction": PartnerFirstAction_dd3569cad8bbe1acab92bd3240ccda35,
  "/src/components/FleetDashboard#FleetDashboard": FleetDashboard_da1f846b4d665ad2f8ceb3e1c4e66d0f,
  "/src/components/ContentLocale#ContentLocale": ContentLocale_5a5ef9c6485573bce6f23c5f123398c0,
  "/src/components/RegisterPumpView#RegisterPumpView": RegisterPumpView_6c6d39b0fbdcfa1cd5406dc1a014556f,
  "/src/components/AlarmConsoleView#AlarmConsoleView": AlarmConsoleView_e018731778efc31c30abac40826c14c7,
  "/src/components/factory/FactoryView#FactoryView": FactoryView_b69cd5f54bf6326dc345e28df9d3daab,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
