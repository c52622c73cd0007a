// The demo models' alarm catalog: the codes the simulator's modems raise, so the console and the app show real text.
import type { CatalogEntry } from '../domain/alarms'

export const DEMO_ALARM_CATALOG: CatalogEntry[] = [
  {
    code: 'E21',
    severity: 'critical',
    textRu: 'Высокое давление в контуре хладагента',
    textEn: 'High refrigerant pressure',
    actionRu: 'Остановите насос, проверьте расход теплоносителя и чистоту фильтра; вызовите сервис',
    actionEn: 'Stop the pump, check the heating flow and the filter; call service',
    manualPage: 42,
  },
  {
    code: 'E12',
    severity: 'major',
    textRu: 'Низкий расход теплоносителя',
    textEn: 'Low heating water flow',
    actionRu: 'Проверьте циркуляционный насос, краны и фильтр',
    actionEn: 'Check the circulation pump, the valves and the filter',
    manualPage: 44,
  },
  {
    code: 'E30',
    severity: 'minor',
    textRu: 'Неисправен датчик наружной температуры',
    textEn: 'Outdoor temperature sensor fault',
    actionRu: 'Проверьте подключение датчика',
    actionEn: 'Check the sensor wiring',
    manualPage: 47,
  },
  {
    code: 'W03',
    severity: 'warning',
    textRu: 'Слишком долгая оттайка',
    textEn: 'Defrost cycle too long',
    actionRu: 'Проверьте, не обмерз ли испаритель, и свободен ли обдув наружного блока',
    actionEn: 'Check the evaporator for ice and that nothing blocks the outdoor unit',
    manualPage: null,
  },
]
