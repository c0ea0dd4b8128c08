import { Button, DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Period } from './oversight-data';
import { useOversightT } from './oversight-messages';

/** A report period picked as days in Beijing time: from the first day's midnight to the day after the last. */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (period: Period) => void }) {
  const t = useOversightT();
  const [draft, setDraft] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs(value.from), dayjs(value.to).subtract(1, 'day')]);
  const midnight = (d: dayjs.Dayjs) => `${d.format('YYYY-MM-DD')}T00:00:00+08:00`;
  return (
    <Space wrap>
      <DatePicker.RangePicker
        aria-label={`${t('period.from')} – ${t('period.to')}`}
        allowClear={false}
        value={draft}
        onChange={(range) => range?.[0] && range[1] && setDraft([range[0], range[1]])}
      />
      <Button type="primary" onClick={() => onChange({ from: midnight(draft[0]), to: midnight(draft[1].add(1, 'day')) })}>
        {t('period.apply')}
      </Button>
    </Space>
  );
}
