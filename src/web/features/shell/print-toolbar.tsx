import type { ReactNode } from 'react';
import { Button, Flex } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';

/**
 * The buttons above a printable page (back, 打印): the browser's print dialog also saves a PDF;
 * `no-print` keeps the buttons off the paper.
 */
export function PrintToolbar({
  backLabel,
  onBack,
  printLabel,
  children,
}: {
  backLabel: string;
  onBack: () => void;
  printLabel: string;
  children?: ReactNode;
}) {
  return (
    <Flex gap={8} wrap className="no-print" style={{ marginBottom: 16 }}>
      <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={onBack}>
        {backLabel}
      </Button>
      <Button
        type="primary"
        icon={<PrinterOutlined aria-hidden />}
        onClick={() => {
          window.print();
        }}
      >
        {printLabel}
      </Button>
      {children}
    </Flex>
  );
}
