/** Words of the barcode scanner (`warehouse.scan.…`) and of the labels' dialog (`warehouse.labels.…`). */
export const scanRo = {
  open: 'Scanează codul de bare',
  title: 'Scanare cod de bare',
  hint: 'Țineți codul de bare în cadru, la 10–20 cm de cameră.',
  starting: 'Se pornește camera…',
  loading: 'Se încarcă cititorul de coduri…',
  close: 'Închide',
  torchOn: 'Aprinde lanterna',
  torchOff: 'Stinge lanterna',
  denied: 'Aplicația nu are voie să folosească camera. Permiteți camera în setările browserului sau introduceți codul de mână.',
  noCamera: 'Dispozitivul nu are o cameră disponibilă. Introduceți codul de mână.',
  failed: 'Camera nu a putut fi pornită. Introduceți codul de mână.',
  typeCode: 'Codul de bare',
  typeHint: 'EAN-13, EAN-8 sau codul de pe etichetă',
  use: 'Folosește codul',
  invalid: 'Codul nu pare valid: verificați cifrele.',
  mistypedEan: 'Cifra de control a codului EAN nu se potrivește: verificați codul.',
  read: 'Cod citit: {code}',
};

export const scanEn: typeof scanRo = {
  open: 'Scan a barcode',
  title: 'Barcode scanning',
  hint: 'Hold the barcode inside the frame, 10–20 cm from the camera.',
  starting: 'Starting the camera…',
  loading: 'Loading the barcode reader…',
  close: 'Close',
  torchOn: 'Turn the torch on',
  torchOff: 'Turn the torch off',
  denied: 'The app may not use the camera. Allow the camera in the browser\'s settings, or type the code.',
  noCamera: 'This device has no camera available. Type the code.',
  failed: 'The camera could not be started. Type the code.',
  typeCode: 'Barcode',
  typeHint: 'EAN-13, EAN-8 or the code on the label',
  use: 'Use the code',
  invalid: 'The code does not look valid: check the characters.',
  mistypedEan: 'The EAN check digit does not match: check the code.',
  read: 'Code read: {code}',
};

export const labelsRo = {
  print: 'Etichete cu cod de bare',
  making: 'Se pregătesc etichetele…',
  size: 'Format',
  sizes: {
    '50x30': 'Etichetă 50 × 30 mm (imprimantă de etichete)',
    '58x40': 'Etichetă 58 × 40 mm (imprimantă de etichete)',
    'a4-3x8': 'Coală A4, 3 × 8 etichete (70 × 37 mm)',
    'a4-4x10': 'Coală A4, 4 × 10 etichete (48,5 × 25,4 mm)',
  },
  withPrice: 'Cu prețul de vânzare',
  copies: 'Exemplare',
  noCode: 'Produsul nu are cod de bare sau cod intern de tipărit.',
  code: 'Cod',
};

export const labelsEn: typeof labelsRo = {
  print: 'Barcode labels',
  making: 'Preparing the labels…',
  size: 'Size',
  sizes: {
    '50x30': 'Label 50 × 30 mm (label printer)',
    '58x40': 'Label 58 × 40 mm (label printer)',
    'a4-3x8': 'A4 sheet, 3 × 8 labels (70 × 37 mm)',
    'a4-4x10': 'A4 sheet, 4 × 10 labels (48.5 × 25.4 mm)',
  },
  withPrice: 'With the sale price',
  copies: 'Copies',
  noCode: 'The product has no barcode or own code to print.',
  code: 'Code',
};
