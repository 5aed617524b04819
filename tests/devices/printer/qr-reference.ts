// Reference QR matrices made with python-qrcode 8.2 (byte mode, level M, forced mask, no border):
// each row is the row's modules as a hex number, leftmost module = most significant bit.
export const QR_REFERENCE: { data: string; mask: number; version: number; rows: string[] }[] = [
  {
    data: "A",
    mask: 0,
    version: 1,
    rows: [
      '1fce7f', '105741', '17445d', '17485d', '17595d', '104541',
      '1fd57f', '000300', '154612', '138846', '085d11', '150c44',
      '14d555', '001eaa', '1fc2ef', '104bb8', '175aed', '174046',
      '175911', '104c46', '1fd157',
    ],
  },
  {
    data: "https://q.example.gov.cn/t/1",
    mask: 3,
    version: 3,
    rows: [
      '1fdfe77f', '10519141', '174d155d', '175f6a5d', '1741535d', '104ebe41',
      '1fd5557f', '001f3a00', '16e1ab4b', '0116eff1', '1f559426', '172815d1',
      '036d6a2c', '01af5e47', '16d1b7a7', '1b995732', '06e671ba', '0ba959ae',
      '16e4f884', '0732ce14', '0c45d9fc', '0018311f', '1fd46b5a', '105de719',
      '174915f5', '175203ba', '17564c05', '10446d7a', '1fd00f2a',
    ],
  },
  {
    data: "https://q.example.gov.cn/t/8f3a2c1d?hall=440106&terminal=T-0001&x=1234567890",
    mask: 5,
    version: 5,
    rows: [
      '1fccff157f', '105b84c441', '175620d35d', '175fc8995d', '17419ef95d', '1040199441',
      '1fd555557f', '00113e2400', '105cb12bce', '0a3c973036', '14c0b1c753', '02198405c1',
      '14ec6554c1', '120ca3232a', '0ee6b403b9', '0e0e4334ed', '0fc24509f5', '1d9d5afe22',
      '08c393331d', '1c03b05121', '12f15b3cd4', '1e19bf2616', '1bc7e9d339', '09ad5c20f9',
      '1cf30a4761', '1e1f4ee728', '14c7b59fcf', '160c5661f5', '16d1685ffe', '001af73112',
      '1fc93ebd53', '1041926311', '174b851bf7', '1743c339cd', '1743444f8f', '1046331599',
      '1fd11261a1',
    ],
  },
  {
    data: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    mask: 7,
    version: 8,
    rows: [
      '1fcf87dddd17f', '10455f3e53741', '17460906b035d', '174590888825d', '17413f7cf905d', '1056e147e5441',
      '1fd555555557f', '0006a044f9600', '12d8bfffe52a0', '0d0e9ce22202d', '056ee301ac0a3', '01a932394fb40',
      '196c05b777678', '02ad17ab06909', '17c76d6c1ad15', '08034d1dddfd2', '0aef08fe53f5c', '0c128dc6b04bf',
      '137ced4888987', '019a5954f96f6', '18667393e52ea', '0607a4e22202d', '09fa5f7dac1f3', '1d114ec54fb10',
      '0f57565777558', '1d121a4706919', '0ff954fc1aff5', '04a60775ddd72', '074ed32a53c0c', '08adcfaeb061f',
      '117ad99c88ad7', '1f35f93cf9457', '09c02f47e51b9', '0f36ac8a2228d', '086afbd5ac3f3', '0916c6514f9e0',
      '1ae8026377528', '0aa9bac306ba9', '08fa08b81ae45', '0e163375ddd72', '1c648c7e53dfc', '0010bdc6b071f',
      '1fc5e55488957', '105d01c4f9716', '174bf7ffe53fa', '175f285e221dc', '174b9f7dac250', '104766854fab0',
      '1fd9decb7748b',
    ],
  },
  {
    data: "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
    mask: 2,
    version: 10,
    rows: [
      '1fc5be78e38ee7f', '1048d4ff94f9241', '1759d9052e53e5d', '17554128c38e25d', '175ebf77e38e25d', '105b94bc44f9441',
      '1fd55555555557f', '00189e0c7e53c00', '17c5ddafe38e27c', '0b0d8734e38e383', '0e79d47b94f97fe', '138a6ec83e53c5e',
      '07e5ad5ee38e289', '0b8d07ace38e383', '0af5c48694f97fe', '160e1eed3e53c5c', '03ed9d20e38e289', '088d34b4e38e383',
      '0df1ccfb94f97fe', '17a236c9be53c5e', '027d92ac238e289', '08bc3df4a38e383', '0ddcc1fb54f97fe', '0f8539c90e53c5e',
      '0a6d9eacf38e289', '088c32f4d38e383', '15fc4bf7f4f97fe', '07167acc7e53d1e', '0d5e42a5638e159', '0d1de6fc638e313',
      '13fd9bffd4f97fe', '01a79a0fbe53efe', '11fec2b1238e059', '1a2de614e38e180', '14ed0b3cd4f968f', '059f1ad7be53efc',
      '15fec0a2238e058', '1a2905b5e38e183', '15611933d4f968e', '021f330dbe53efe', '1479cb21238e059', '1ba90ef4e38e183',
      '0466173cd4f968e', '1a173b0f8e53efe', '045cc021438e059', '1ba30df4e38e183', '14e7da3c54f968e', '1f27b80ffe53efe',
      '005cd427e38e1f9', '00102df4638e313', '1fc5eabd54f955e', '105438047e53d1e', '175c145fe38e3f9', '1750cdad238e250',
      '17557ac4d4f978c', '104408a8fe53f8c', '1fd8446ba38e0fa',
    ],
  },
];
